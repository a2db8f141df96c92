import type { CounterValue } from '../../../shared/campaigns/counter-value';

/** One counter's value, updated in place. */
export interface Cell {
  value: number;
}

/**
 * The counters of one kind (counter, target, period), by period value then subject (identity key, operator trip
 * or '' for the campaign). Limits of the same kind share a slot, as they share a key in the registry. Two map
 * levels keep lookups on short, already-hashed strings: a million trips would otherwise spend most of their time
 * hashing freshly concatenated keys.
 */
export class CounterSlot {
  private readonly periods = new Map<string, Map<string, Cell>>();
  // Trips come in chronological order: consecutive trips nearly always share the period, so remember the last one.
  private lastPeriod: string | null = null;
  private lastSubjects: Map<string, Cell> | null = null;

  constructor(
    readonly counter: CounterValue['counter'],
    readonly target: CounterValue['target'],
    readonly period: CounterValue['period'],
  ) {}

  /** The mutable counter of a period value and subject, created at 0 on first use. */
  cell(periodValue: string, subject: string): Cell {
    let subjects = periodValue === this.lastPeriod ? this.lastSubjects : this.periods.get(periodValue);
    if (!subjects) {
      subjects = new Map();
      this.periods.set(periodValue, subjects);
    }
    this.lastPeriod = periodValue;
    this.lastSubjects = subjects;
    let cell = subjects.get(subject);
    if (!cell) {
      cell = { value: 0 };
      subjects.set(subject, cell);
    }
    return cell;
  }

  /** Every counter of the slot in the persisted format, those registered at 0 included (campaigns.md §5.12). */
  *values(): Generator<CounterValue> {
    for (const [periodValue, subjects] of this.periods) {
      for (const [subject, { value }] of subjects) {
        const out: CounterValue = { counter: this.counter, target: this.target, period: this.period, value };
        if (this.target === 'driver' || this.target === 'passenger') out.identity_key = subject;
        if (this.target === 'operator_trip') out.operator_trip = subject;
        if (this.period !== 'campaign') out.period_value = periodValue;
        yield out;
      }
    }
  }
}

/** The limit counters of one run, starting from persisted values; absent counters are 0. */
export class CounterStore {
  private readonly slots = new Map<string, CounterSlot>();

  constructor(initial: readonly CounterValue[]) {
    for (const value of initial) {
      const slot = this.slot(value.counter, value.target, value.period);
      slot.cell(value.period_value ?? '', value.identity_key ?? value.operator_trip ?? '').value = value.value;
    }
  }

  /** The slot of a kind of counter, created empty on first use. */
  slot(counter: CounterValue['counter'], target: CounterValue['target'], period: CounterValue['period']): CounterSlot {
    const key = `${counter}|${target}|${period}`;
    let slot = this.slots.get(key);
    if (!slot) {
      slot = new CounterSlot(counter, target, period);
      this.slots.set(key, slot);
    }
    return slot;
  }

  /**
   * Copies of every registered counter, at 0 or not (a key registered by a trip that consumed nothing is kept,
   * as the registry writes it); day counters only on request (the registry never persists them).
   */
  values(includeDays: boolean): CounterValue[] {
    const out: CounterValue[] = [];
    for (const slot of this.slots.values()) {
      if (slot.period === 'day' && !includeDays) continue;
      for (const value of slot.values()) out.push(value);
    }
    return out;
  }
}
