'use strict';
/** The sync schedule (SYN-1): each profile item's interval; metadata on the first sync and then daily. */

const { DAY } = require('./clock');

const SHORTEST_INTERVAL = 60;

/** Seconds between downloads of each offline entity of `user` (the shortest if several items name it). */
function intervals(profiles, user) {
  const found = new Map();
  for (const profile of profiles.profilesOf(user)) {
    for (const item of profile.items) {
      const minutes = item.sync_interval_minutes === undefined ? 5 : item.sync_interval_minutes;
      const seconds = Math.max(SHORTEST_INTERVAL, 60 * minutes);
      found.set(item.entity, Math.min(seconds, found.has(item.entity) ? found.get(item.entity) : seconds));
    }
  }
  return found;
}

/** When each entity next falls due: one interval after the cycle that last downloaded it; at once if never. */
function dueTimes(state, every) {
  const times = new Map();
  for (const [entity, seconds] of every) {
    times.set(entity, (entity in state.attempted ? state.attempted[entity] : -Infinity) + seconds);
  }
  return times;
}

/** When the device's next cycle falls due, never sooner than the shortest interval after its last cycle
 * started; null without a profile. */
function nextCycle(state, every) {
  if (!every.size) return null;
  const metadata = state.metadataSyncedAt === null ? -Infinity : state.metadataSyncedAt + DAY;
  const earliest = state.lastCycle === null ? -Infinity : state.lastCycle + SHORTEST_INTERVAL;
  return Math.max(earliest, Math.min(metadata, ...dueTimes(state, every).values()));
}

/** The entities whose download is due at `now`. */
function dueNow(state, every, now) {
  return new Set([...dueTimes(state, every)].filter(([, at]) => at <= now).map(([entity]) => entity));
}

module.exports = { intervals, nextCycle, dueNow };
