import { z } from 'zod';
import { isInstant, parseDay } from './calendar-strings';
import {
  GEO_LEVELS,
  type Amount,
  type CampaignDefinition,
  type Predicate,
  type TerritorySelector,
} from './definition-types';

/** zod schemas of the campaign format (definition-types.ts); messages in French, paths point into the JSON. */

const Day = z.string().refine((text) => parseDay(text) !== null, { error: 'date attendue au format AAAA-MM-JJ (jour existant)' });

const DateOrInstant = z
  .string()
  .refine((text) => parseDay(text) !== null || isInstant(text), {
    error: 'date AAAA-MM-JJ ou instant ISO 8601 avec fuseau (…Z ou …+02:00) attendu',
  });

const Metres = z.number().int({ error: 'distance en mètres entière attendue' }).min(0, { error: 'distance négative' });
const Name = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: 'nom attendu : lettres, chiffres et _ (commence par une lettre)' });
const Code = z.string().trim().min(1, { error: 'code vide' }).max(20, { error: 'code trop long (20 caractères au plus)' });
const ListRef = z.strictObject({ list: Name });
const Label = z.string().min(1).max(200).optional();

const CodeList = z.union([z.array(Code), ListRef], { error: 'liste de codes ou { "list": "nom" } attendue' });
const DateList = z.union([z.array(Day), ListRef], { error: 'liste de dates ou { "list": "nom" } attendue' });

const Selector: z.ZodType<TerritorySelector> = z.strictObject(
  Object.fromEntries(GEO_LEVELS.map((level) => [level, CodeList.optional()])) as Record<
    (typeof GEO_LEVELS)[number],
    z.ZodOptional<typeof CodeList>
  >,
);

const OperatorName = z
  .string()
  .regex(/^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Z][A-Z0-9_]*)$/, {
    error: 'opérateur attendu : UUID du registre ou nom de constante (ex. KLAXIT)',
  });

const TripEnds = z.enum(['start', 'end', 'both', 'either']);
const Level = z.enum(GEO_LEVELS);

/** Names every variant of a discriminated union in the message when `type` is unknown. */
function unknownType(kind: string, types: string[]) {
  return {
    error: (issue: { code: string }) =>
      issue.code === 'invalid_union' ? `type de ${kind} inconnu (attendu : ${types.join(', ')})` : undefined,
  };
}

const PREDICATE_TYPES = [
  'all', 'any', 'not', 'operator', 'operator_class', 'distance', 'territory', 'same_code', 'inside_shape',
  'adult_passenger', 'weekday', 'date_in', 'datetime', 'compare', 'by_date',
];

export const PredicateSchema: z.ZodType<Predicate> = z.lazy(() =>
  z.discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('all'), of: z.array(PredicateSchema) }),
      z.strictObject({ type: z.literal('any'), of: z.array(PredicateSchema).min(1, { error: 'au moins une condition' }) }),
      z.strictObject({ type: z.literal('not'), of: PredicateSchema }),
      z
        .strictObject({
          type: z.literal('operator'),
          operators: z.array(OperatorName).optional(),
          versions: z
            .array(z.strictObject({ from: DateOrInstant.nullable(), operators: z.array(OperatorName) }))
            .min(1, { error: 'au moins une version' })
            .optional(),
        })
        .refine((p) => (p.operators === undefined) !== (p.versions === undefined), {
          error: 'donner soit « operators », soit « versions »',
        }),
      z.strictObject({
        type: z.literal('operator_class'),
        classes: z.array(z.enum(['A', 'B', 'C'])).min(1, { error: 'au moins une classe' }),
      }),
      z
        .strictObject({
          type: z.literal('distance'),
          min_m: Metres.optional(),
          max_m: Metres.optional(),
          bounds: z.enum(['[]', '[)', '(]', '()'], { error: 'bornes attendues : "[]", "[)", "(]" ou "()"' }),
        })
        .refine((p) => p.min_m !== undefined || p.max_m !== undefined, { error: 'donner min_m, max_m ou les deux' })
        .refine((p) => p.min_m === undefined || p.max_m === undefined || p.min_m <= p.max_m, {
          error: 'min_m doit être inférieur ou égal à max_m',
          path: ['max_m'],
        }),
      z.strictObject({ type: z.literal('territory'), at: TripEnds, in: z.union([z.literal('campaign'), Selector]) }),
      z.strictObject({ type: z.literal('same_code'), level: Level }),
      z.strictObject({ type: z.literal('inside_shape'), at: TripEnds, shape: Name }),
      z.strictObject({ type: z.literal('adult_passenger') }),
      z.strictObject({
        type: z.literal('weekday'),
        days: z.array(z.number().int().min(0).max(6, { error: 'jour de semaine de 0 (dimanche) à 6 (samedi)' })).min(1),
      }),
      z.strictObject({ type: z.literal('date_in'), dates: DateList }),
      z
        .strictObject({ type: z.literal('datetime'), from: DateOrInstant.optional(), before: DateOrInstant.optional() })
        .refine((p) => p.from !== undefined || p.before !== undefined, { error: 'donner from, before ou les deux' }),
      z.strictObject({
        type: z.literal('compare'),
        field: z.enum(['distance', 'seats', 'driver_revenue', 'passenger_contribution']),
        op: z.enum(['<', '<=', '=', '!=', '>=', '>']),
        value: z.number(),
      }),
      z.strictObject({
        type: z.literal('by_date'),
        versions: z
          .array(z.strictObject({ from: DateOrInstant.nullable(), predicate: PredicateSchema }))
          .min(1, { error: 'au moins une version' }),
      }),
    ],
    unknownType('condition', PREDICATE_TYPES),
  ),
);

const AMOUNT_TYPES = ['fixed', 'per_km', 'field', 'sum', 'min', 'max', 'scale', 'per_seat', 'slices', 'choose', 'boost', 'free_ride'];
const Finite = z.number().refine(Number.isFinite, { error: 'nombre fini attendu' });

export const AmountSchema: z.ZodType<Amount> = z.lazy(() =>
  z.discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('fixed'), label: Label, cents: Finite }),
      z
        .strictObject({
          type: z.literal('per_km'),
          label: Label,
          cents_per_km: Finite,
          from_m: Metres.optional(),
          to_m: Metres.nullable().optional(),
          km_rounding: z.enum(['none', 'round']).optional(),
        })
        .refine((a) => a.to_m === undefined || a.to_m === null || a.to_m >= (a.from_m ?? 0), {
          error: 'to_m doit être supérieur ou égal à from_m',
          path: ['to_m'],
        }),
      z.strictObject({ type: z.literal('field'), label: Label, field: z.enum(['driver_revenue', 'passenger_contribution']) }),
      z.strictObject({ type: z.literal('sum'), label: Label, of: z.array(AmountSchema) }),
      z.strictObject({ type: z.literal('min'), label: Label, of: z.array(AmountSchema).min(1, { error: 'au moins un terme' }) }),
      z.strictObject({ type: z.literal('max'), label: Label, of: z.array(AmountSchema).min(1, { error: 'au moins un terme' }) }),
      z.strictObject({ type: z.literal('scale'), label: Label, factor: Finite, of: AmountSchema }),
      z.strictObject({ type: z.literal('per_seat'), label: Label, of: AmountSchema }),
      z
        .strictObject({
          type: z.literal('slices'),
          label: Label,
          mode: z.enum(['cumulative', 'exclusive']),
          slices: z
            .array(z.strictObject({ from_m: Metres, to_m: Metres.nullable().optional(), amount: AmountSchema }))
            .min(1, { error: 'au moins une tranche' }),
        })
        .superRefine((a, ctx) => checkSlices(a.mode, a.slices, ctx)),
      z.strictObject({
        type: z.literal('choose'),
        label: Label,
        cases: z.array(z.strictObject({ when: PredicateSchema, amount: AmountSchema })).min(1, { error: 'au moins un cas' }),
        otherwise: AmountSchema,
      }),
      z.strictObject({
        type: z.literal('boost'),
        label: Label,
        of: AmountSchema,
        boosters: z
          .array(z.strictObject({ label: Label, when: PredicateSchema, factor: Finite }))
          .min(1, { error: 'au moins un multiplicateur' }),
      }),
      z.strictObject({ type: z.literal('free_ride'), label: Label, of: AmountSchema }),
    ],
    unknownType('montant', AMOUNT_TYPES),
  ),
);

/** Cumulative slices ignore any upper bound, so none may be written; exclusive bands must be ordered and disjoint. */
function checkSlices(
  mode: 'cumulative' | 'exclusive',
  slices: Array<{ from_m: number; to_m?: number | null }>,
  ctx: z.RefinementCtx,
): void {
  slices.forEach((slice, index) => {
    const to = slice.to_m ?? null;
    if (mode === 'cumulative' && to !== null) {
      ctx.addIssue({ code: 'custom', path: ['slices', index, 'to_m'], message: 'to_m est interdit en mode cumulatif (chaque tranche s’ajoute dès from_m)' });
    }
    if (to !== null && to <= slice.from_m) {
      ctx.addIssue({ code: 'custom', path: ['slices', index, 'to_m'], message: 'to_m doit être supérieur à from_m' });
    }
    const previous = slices[index - 1];
    if (previous && slice.from_m < (mode === 'exclusive' ? (previous.to_m ?? Infinity) : previous.from_m)) {
      ctx.addIssue({
        code: 'custom',
        path: ['slices', index, 'from_m'],
        message: mode === 'exclusive' ? 'les tranches exclusives doivent être ordonnées et disjointes' : 'les tranches doivent être ordonnées par from_m',
      });
    }
  });
}

export const LimitSchema = z.strictObject({
  counter: z.enum(['trips', 'amount', 'seats']),
  target: z.enum(['driver', 'passenger', 'operator_trip', 'campaign']),
  period: z.enum(['day', 'month', 'year', 'campaign']),
  max: z.number().int({ error: 'plafond entier attendu' }).min(0, { error: 'plafond négatif' }),
  priority: z.number().optional(),
  label: Label,
});

const Position = z.array(z.number()).min(2, { error: 'position [longitude, latitude] attendue' });
const Ring = z.array(Position).min(4, { error: 'un anneau a au moins 4 positions' });
const Geometry = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) }),
    z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
  ],
  unknownType('géométrie', ['Polygon', 'MultiPolygon']),
);

const NamedList = z
  .strictObject({ kind: z.enum(['codes', 'dates']), description: Label, values: z.array(Code) })
  .superRefine((list, ctx) => {
    if (list.kind !== 'dates') return;
    list.values.forEach((value, index) => {
      if (parseDay(value) === null) ctx.addIssue({ code: 'custom', path: ['values', index], message: 'date attendue au format AAAA-MM-JJ (jour existant)' });
    });
  });

export const CampaignDefinitionSchema = z
  .strictObject({
    format: z.literal(1, { error: 'format 1 attendu' }),
    id: z.string().regex(/^[A-Za-z0-9_-]+$/, { error: 'identifiant attendu : lettres, chiffres, _ et -' }),
    name: z.string().min(1, { error: 'nom vide' }),
    description: z.string(),
    status: z.enum(['campaign', 'template']),
    territory: Selector,
    window: z.strictObject({ from: DateOrInstant.nullable(), to: DateOrInstant.nullable() }),
    timezone: z.string().refine(isTimeZone, { error: 'fuseau horaire IANA inconnu (ex. Europe/Paris)' }),
    budget_cents: z.number().int({ error: 'budget en centimes entier attendu' }).min(0).nullable(),
    payee: z.enum(['driver', 'passenger', 'both']),
    lists: z.record(Name, NamedList),
    shapes: z.record(Name, z.strictObject({ description: Label, geometry: Geometry })),
    rules: z.array(z.strictObject({ from: DateOrInstant.nullable(), note: z.string().optional(), eligibility: PredicateSchema, amount: AmountSchema })).min(1, { error: 'au moins une version de règles' }),
    limits: z.array(LimitSchema),
  })
  .superRefine((definition, ctx) => {
    checkReferences(definition, ctx);
    // campaigns.md §5.14: the registry's templates declare no limit, not even the budget; a budget is only reported.
    if (definition.status === 'template' && definition.limits.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['limits'], message: 'un modèle (status « template ») ne déclare aucune limite : passez status à « campaign » pour en ajouter' });
    }
  });

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

type Path = Array<string | number>;

/** Every `{ "list": ... }` and `"shape"` must name an entry of `lists` / `shapes` of the right kind. */
function checkReferences(definition: CampaignDefinition, ctx: z.RefinementCtx): void {
  const checkList = (ref: unknown, kind: 'codes' | 'dates', path: Path) => {
    if (Array.isArray(ref) || typeof ref !== 'object' || ref === null || !('list' in ref)) return;
    const name = String(ref.list);
    const list = definition.lists[name];
    if (!list) ctx.addIssue({ code: 'custom', path: [...path, 'list'], message: `liste « ${name} » absente de « lists »` });
    else if (list.kind !== kind) ctx.addIssue({ code: 'custom', path: [...path, 'list'], message: `la liste « ${name} » doit être de type « ${kind} »` });
  };
  const checkSelector = (selector: TerritorySelector | 'campaign', path: Path) => {
    if (selector === 'campaign') return;
    for (const level of GEO_LEVELS) checkList(selector[level], 'codes', [...path, level]);
  };
  const walk = (node: unknown, path: Path): void => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => walk(child, [...path, index]));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.type === 'territory') checkSelector(record.in as TerritorySelector | 'campaign', [...path, 'in']);
    if (record.type === 'date_in') checkList(record.dates, 'dates', [...path, 'dates']);
    if (record.type === 'inside_shape' && typeof record.shape === 'string' && !(record.shape in definition.shapes)) {
      ctx.addIssue({ code: 'custom', path: [...path, 'shape'], message: `forme « ${record.shape} » absente de « shapes »` });
    }
    for (const [key, child] of Object.entries(record)) {
      if (key !== 'in') walk(child, [...path, key]);
    }
  };
  checkSelector(definition.territory, ['territory']);
  walk(definition.rules, ['rules']);
}
