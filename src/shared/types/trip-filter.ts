import { z } from 'zod';
import { CalendarDay, StatsLevel } from './stats';

/** Which journeys a trip list export takes: a period (local days, inclusive), optionally a territory, operator, status. */
export const TripFilter = z
  .object({
    from: CalendarDay,
    to: CalendarDay,
    /** Journeys starting or ending in this territory. */
    territory: z.object({ level: StatsLevel, code: z.string().trim().min(1).max(20) }).strict().optional(),
    operatorId: z.number().int().positive().optional(),
    status: z.enum(['ok', 'fraud_error', 'anomaly_error', 'pending']).optional(),
  })
  .strict()
  .refine((filter) => filter.from <= filter.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] });
export type TripFilter = z.infer<typeof TripFilter>;
