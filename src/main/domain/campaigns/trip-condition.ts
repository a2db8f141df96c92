import type { CampaignTrip } from './campaign-trip';
import type { IssueCollector } from './definition-error';
import type { ResolvedLists } from './named-lists';
import type { PlaceMatcher } from './place-matcher';
import type { Shape } from './point-in-shape';
import type { CalendarDay, ZoneCalendar } from './zone-calendar';

/** A trip being evaluated, with what every rule needs computed once. */
export interface TripContext {
  readonly trip: CampaignTrip;
  /** UTC milliseconds of `trip.datetime`. */
  readonly time: number;
  /** Calendar day in the campaign's time zone. */
  readonly day: CalendarDay;
}

/** Why a trip is not eligible (or not paid in full): a stable machine code and a French sentence. */
export interface CampaignReason {
  code: string;
  message: string;
}

/** A compiled eligibility condition: a test on a trip, with its French description and failure reasons. */
export interface TripCondition {
  /** The predicate type (`distance`, `territory`, ...); `not:<code>` for a negation. */
  readonly code: string;
  /** What the condition requires, in French (`distance dans [2 km ; 150 km[`). */
  readonly description: string;
  test(ctx: TripContext): boolean;
  /** The reasons `test` is false for this trip (only called when it is). */
  whyNot(ctx: TripContext): CampaignReason[];
}

/** What compiling a condition may use; `issues` collects errors with their JSON paths. */
export interface CompileScope {
  readonly calendar: ZoneCalendar;
  readonly lists: ResolvedLists;
  readonly shapes: ReadonlyMap<string, Shape>;
  readonly campaignTerritory: PlaceMatcher;
  readonly issues: IssueCollector;
}

/** A leaf condition whose failure reason quotes the trip's own value (`actual`). */
export function leafCondition(
  code: string,
  description: string,
  test: (ctx: TripContext) => boolean,
  actual: (trip: CampaignTrip, ctx: TripContext) => string,
): TripCondition {
  return {
    code,
    description,
    test,
    whyNot: (ctx) => [{ code, message: `condition non remplie : ${description} (trajet : ${actual(ctx.trip, ctx)})` }],
  };
}
