import { UserError } from '../../shared/ipc/result';
import type { CheckParametersView, CheckParameterOverridesInput } from '../../shared/types/reviews';
import {
  CHECK_CATALOGUE, CHECK_PARAMETER_DOCS, DEFAULT_CHECK_PARAMETERS, resolveParameters, type CheckCode, type CheckParameterOverrides,
} from '../domain/checks';

/** Settings key under which the investigator's parameter overrides are stored. */
export const CHECK_PARAMETERS_SETTING = 'checks.parameters';

/** Why a check can be off, in French, by what it needs. */
const DISABLED_REASONS: Readonly<Record<string, string>> = {
  router: 'désactivé : nécessite un calculateur d’itinéraire hors ligne (OSRM), absent de ce poste',
};


const isCode = (code: string): code is CheckCode => Object.hasOwn(DEFAULT_CHECK_PARAMETERS, code);

/** Why `value` does not fit parameter `name` whose default is `fallback`, or null when it fits. */
function problem(name: string, value: unknown, fallback: unknown): string | null {
  if (typeof fallback === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'nombre attendu';
    if (value < 0) return 'valeur positive attendue';
    if (name.endsWith('Ratio') && value > 1) return 'proportion entre 0 et 1 attendue';
    if (name.endsWith('Hour') && (value > 23 || !Number.isInteger(value))) return 'heure entière de 0 à 23 attendue';
    return null;
  }
  // The only non-numeric parameter is an instant (T11's extract date), null meaning « from the data ».
  if (value === null) return null;
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : 'date et heure ISO attendues (ou vide)';
}

/**
 * Checks overrides against the catalogue's parameters (known check and parameter, type, range) and keeps only the
 * values that differ from the defaults. Throws a `UserError` (invalid input) naming each wrong parameter.
 */
export function validateOverrides(input: CheckParameterOverridesInput): CheckParameterOverrides {
  const errors: string[] = [];
  const out: Record<string, Record<string, unknown>> = {};
  for (const [code, values] of Object.entries(input)) {
    if (!isCode(code)) {
      errors.push(`${code} : contrôle inconnu`);
      continue;
    }
    const defaults = DEFAULT_CHECK_PARAMETERS[code] as Record<string, unknown>;
    for (const [name, value] of Object.entries(values)) {
      if (!Object.hasOwn(defaults, name)) {
        errors.push(`${code}.${name} : paramètre inconnu`);
        continue;
      }
      const reason = problem(name, value, defaults[name]);
      if (reason) errors.push(`${code}.${name} : ${reason}`);
      else if (value !== defaults[name]) (out[code] ??= {})[name] = value;
    }
  }
  if (errors.length > 0) throw new UserError('invalid_input', `Paramètres refusés — ${errors.join(' ; ')}`);
  return out as CheckParameterOverrides;
}

/** Every check of the catalogue with its parameters (value in use, default, label, unit) and whether it runs. */
export function parametersView(overrides: CheckParameterOverrides): CheckParametersView {
  const values = resolveParameters(overrides) as unknown as Record<string, Record<string, number | string | null>>;
  return {
    checks: CHECK_CATALOGUE.map((meta) => {
      const defaults = (DEFAULT_CHECK_PARAMETERS as unknown as Record<string, Record<string, number | string | null> | undefined>)[meta.code] ?? {};
      const docs = (CHECK_PARAMETER_DOCS as Record<string, Record<string, { label: string; unit: string }> | undefined>)[meta.code] ?? {};
      return {
        id: meta.id,
        code: meta.code,
        label: meta.label,
        family: meta.family,
        severity: meta.severity,
        enabled: meta.enabledByDefault,
        disabledReason: meta.enabledByDefault ? null : (DISABLED_REASONS[meta.requires ?? ''] ?? 'désactivé'),
        parameters: Object.keys(defaults).map((name) => ({
          name,
          label: docs[name]?.label ?? name,
          unit: docs[name]?.unit ?? '',
          value: values[meta.code]?.[name] ?? null,
          default: defaults[name] ?? null,
        })),
      };
    }),
  };
}
