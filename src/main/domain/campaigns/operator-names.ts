import { REGISTRY_OPERATORS } from '../trips/operators';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NAME_BY_UUID = new Map(Object.entries(REGISTRY_OPERATORS).map(([name, uuid]) => [uuid, name]));

/** The registry UUID of a definition's operator: a UUID as written, or a registry constant name; null if unknown. */
export function operatorUuidOf(nameOrUuid: string): string | null {
  if (UUID.test(nameOrUuid)) return nameOrUuid;
  return REGISTRY_OPERATORS[nameOrUuid] ?? null;
}

/** The registry constant name of an operator UUID for explanations, or the UUID itself. */
export function operatorLabel(uuid: string | null): string {
  if (uuid === null) return 'opérateur inconnu';
  return NAME_BY_UUID.get(uuid) ?? uuid;
}
