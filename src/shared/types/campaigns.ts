import { z } from 'zod';

/** A campaign of the catalogue, as the Campagnes page lists it. */
export const CatalogueEntry = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** `template`: a model to clone (territory, window and budget to choose). */
  status: z.enum(['campaign', 'template']),
  /** Window, days or instants; null = unbounded. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  budgetCents: z.number().int().nullable(),
  /** Territory selector in short form: `aom 217500016, 287500078`. */
  territory: z.string(),
  /**
   * The territory by name, from the main side's geography (COG and the store's AOM table): `Nantes Métropole`,
   * `Pays de la Loire`; a code it does not know as `AOM 217500016`. Empty for a template.
   */
  territoryName: z.string(),
});
export type CatalogueEntry = z.infer<typeof CatalogueEntry>;

/** Validation of a definition: problems with their JSON path, in French. */
export const DefinitionValidation = z.object({
  ok: z.boolean(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type DefinitionValidation = z.infer<typeof DefinitionValidation>;

/** Amount of a sample trip per distance (km → cents), for the editor's preview chart. */
export const AmountPreview = z.object({
  points: z.array(z.object({ km: z.number(), cents: z.number().int() })),
  /** What the sample trip is: date, class, operator, territory. */
  sample: z.string(),
});
export type AmountPreview = z.infer<typeof AmountPreview>;
