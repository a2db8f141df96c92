import { z } from 'zod';

/**
 * A limit counter's value at the end of a run, to persist and feed to the next run (`countersIn`). Periods are
 * calendar periods of the campaign's time zone: `period_value` is `2024` (year), `2024-04` (month) or
 * `2024-04-16` (day), absent for `campaign`. `identity_key` is set for driver/passenger counters, `operator_trip`
 * (`<operator_id>.<operator_trip_id>`) for operator-trip counters.
 */
export const CounterValueSchema = z
  .strictObject({
    counter: z.enum(['amount_cents', 'trip_count', 'seat_count']),
    target: z.enum(['driver', 'passenger', 'operator_trip', 'campaign']),
    identity_key: z.string().optional(),
    operator_trip: z.string().optional(),
    period: z.enum(['day', 'month', 'year', 'campaign']),
    period_value: z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, { error: 'période AAAA, AAAA-MM ou AAAA-MM-JJ attendue' }).optional(),
    value: z.number().int({ error: 'valeur entière attendue' }),
  })
  .superRefine((counter, ctx) => {
    const expected = { day: 10, month: 7, year: 4, campaign: 0 }[counter.period];
    if ((counter.period_value?.length ?? 0) !== expected) {
      ctx.addIssue({ code: 'custom', path: ['period_value'], message: `period_value ne correspond pas à la période « ${counter.period} »` });
    }
    const person = counter.target === 'driver' || counter.target === 'passenger';
    if (person !== (counter.identity_key !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['identity_key'], message: 'identity_key est requis pour conducteur/passager, et seulement pour eux' });
    }
    if ((counter.target === 'operator_trip') !== (counter.operator_trip !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['operator_trip'], message: 'operator_trip est requis pour la cible operator_trip, et seulement pour elle' });
    }
  });

export type CounterValue = z.infer<typeof CounterValueSchema>;
