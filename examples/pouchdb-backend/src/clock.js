'use strict';
/** The simulated clock: seconds since the page's date (2020-08-28), never the wall clock. */

const EPOCH_MS = Date.parse('2020-08-28T00:00:00Z');
const DAY = 86400;

class SimulatedClock {
  constructor() {
    this.seconds = 0;
  }

  /** Move forward by `seconds`; moving backwards is refused. */
  advance(seconds) {
    if (!(seconds >= 0)) throw new RangeError(`the clock cannot go back (${seconds} s)`);
    this.seconds += seconds;
  }

  /** Move forward to the instant `seconds` (nothing if the clock is already there or past it). */
  advanceTo(seconds) {
    this.seconds = Math.max(this.seconds, seconds);
  }

  /** An instant (default: now) as an ISO-8601 UTC string, whole seconds. */
  iso(seconds = this.seconds) {
    return iso(seconds);
  }
}

/** Seconds since the epoch as the seam's ISO-8601 form (fractions of a second are cut). */
function iso(seconds) {
  return new Date(EPOCH_MS + Math.floor(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Seconds since the epoch of an ISO-8601 string. */
function parseIso(text) {
  return (Date.parse(text) - EPOCH_MS) / 1000;
}

module.exports = { SimulatedClock, DAY, iso, parseIso };
