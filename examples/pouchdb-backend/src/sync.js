'use strict';
/** One sync cycle of one device, in two halves so the app can work in between (SYN-3).
 *
 * `begin`: the opening exchange, metadata when due, then the push: PouchDB replication from the device's
 * database to the server's, of the documents with queued changes, checkpointed on the device. The server
 * settles each pushed revision as it lands (`Server.receive`); a replayed push sends only the revisions the
 * server lacks (revs_diff), so nothing is applied twice (REL-IDEM).
 * `finish`: the pull: PouchDB replication from the server, filtered on the server by the user's scope (the
 * design-document filter), one replication per group of entities sharing a sync interval, each resuming from
 * the device's token for that group (restarting from 0 when the scope's definition changed); then the
 * server names the held records that left the scope and the device evicts them; then the device commits its
 * tokens and its privilege and profile snapshots. */

const crypto = require('node:crypto');
const { HANDSHAKE_BYTES, METADATA_BYTES_PER_ENTITY, PRIVILEGES_BYTES, Transfer, DroppedConnection, remote } = require('./network');
const { SCOPE_FILTER } = require('./server');
const { DAY } = require('./clock');

const PUSH_BATCH = 50;
const PULL_BATCH = 500;
const REMOVAL_BYTES = 48;

/** A digest of a scope query that ignores the clock: same digest, same filter. */
function fingerprint(query) {
  const timeless = { ...query, now: null, entities: {} };
  for (const [entity, gate] of Object.entries(query.entities)) timeless.entities[entity] = { ...gate, org: { ...gate.org, since: null } };
  return crypto.createHash('sha1').update(JSON.stringify(timeless)).digest('hex');
}

class Cycle {
  constructor({ PouchDB, device, server, profiles, clock, link, fault = null, due = null }) {
    Object.assign(this, { PouchDB, device, server, profiles, clock, link, fault, due });
    this.user = device.user;
    this.transfer = new Transfer();
    this.started = clock.seconds;
    this.uploaded = 0;
    this.rejected = 0;
    this.downloaded = 0;
    this.removed = 0;
    this.metadataRefreshed = false;
  }

  /** Both halves; a dropped connection ends the cycle incomplete. */
  async run() {
    try {
      await this.begin();
    } catch (error) {
      if (error instanceof DroppedConnection) return this.report(false);
      throw error;
    }
    return this.finish();
  }

  async begin() {
    const state = this.device.state;
    this.started = this.clock.seconds;
    state.lastCycle = this.started;
    const entities = this.due ? [...this.due] : [...this.profiles.itemsOf(this.user).keys()];
    for (const entity of entities) state.attempted[entity] = this.started;
    this.transfer.request(HANDSHAKE_BYTES, HANDSHAKE_BYTES);
    this.refreshMetadata();
    await this.device.save();
    if (this.fault === 'before_upload') throw new DroppedConnection(this.fault);
    await this.push();
  }

  refreshMetadata() {
    const state = this.device.state;
    if (state.metadataSyncedAt !== null && this.clock.seconds - state.metadataSyncedAt < DAY) return;
    for (let i = 0; i < this.profiles.metadataEntities(this.user).length; i += 1) {
      this.transfer.request(HANDSHAKE_BYTES, METADATA_BYTES_PER_ENTITY);
    }
    state.metadataSyncedAt = this.clock.seconds;
    this.metadataRefreshed = true;
  }

  async push() {
    const carried = this.device.pushing();
    if (!carried.size) return;
    const outcomes = [];
    const fault = this.fault;
    const target = remote(this.server.db, this.transfer, {
      bulkDocs: (request) => this.server.receive(this.user, request.docs, fault, outcomes),
    });
    const denied = [];
    try {
      const replication = this.PouchDB.replicate(this.device.db, target, {
        filter: function queued(doc) { return carried.has(doc._id); },
        checkpoint: 'source',
        batch_size: PUSH_BATCH,
      });
      replication.on('denied', (answer) => denied.push(answer));
      await replication;
    } catch (error) {
      throw unwrap(error);
    }
    for (const entry of this.device.unrevised(carried)) outcomes.push(await this.server.judge(this.user, entry));
    this.uploaded = outcomes.filter((o) => o === 'applied').length;
    this.rejected = outcomes.filter((o) => o === 'rejected').length;
    await this.server.track(this.user, carried);
    await this.device.pushed(carried);
    await this.evictUnreadable(carried);
    for (const answer of denied) {
      await this.device.db.bulkDocs(answer.docs, { new_edits: false });
      // The server's copy comes back only to a user who may still read it (SEC-2).
      for (const doc of answer.docs) if (doc.kind === 'record' && !doc._deleted && !this.server.readable(this.user, doc)) await this.device.evict(doc._id);
    }
    await this.device.save();
  }

  /** A record kept only for a queued change leaves once the change is uploaded, if the privileges of the last
   * completed cycle do not let the user read it (SEC-3), even when the download that follows drops. */
  async evictUnreadable(carried) {
    const snapshot = this.device.security;
    if (!snapshot) return;
    for (const id of carried) {
      const doc = await this.device.db.get(id).catch((error) => (error.status === 404 ? null : Promise.reject(error)));
      if (!doc || doc.kind !== 'record') continue;
      const ownership = this.device.metadata.ownership(doc.entity);
      if (!snapshot.allows(this.user, 'read', doc.entity, ownership, doc.record)) await this.device.evict(id);
    }
  }

  async finish() {
    const before = new Set(this.server.held(this.user));
    const related = await this.server.related(this.user);
    const tokens = {};
    try {
      for (const group of this.groups()) {
        const token = await this.pull(group, related);
        if (token) tokens[group.join(',')] = token;
      }
      await this.reconcile(related);
    } catch (error) {
      if (!(error instanceof DroppedConnection)) throw error;
      await this.device.save();
      return this.report(false);
    }
    const state = this.device.state;
    Object.assign(state.tokens, tokens);
    state.security = structuredClone(this.server.security.toJSON());
    state.offlineEntities = [...this.profiles.itemsOf(this.user).keys()].sort();
    await this.device.save();
    const after = this.server.held(this.user);
    this.removed = [...before].filter((id) => !after.has(id)).length;
    return this.report(true);
  }

  /** The offline entities grouped by sync interval. */
  groups() {
    const items = this.profiles.itemsOf(this.user);
    const byInterval = new Map();
    for (const [entity, item] of items) {
      const every = item.sync_interval_minutes === undefined ? 5 : item.sync_interval_minutes;
      if (!byInterval.has(every)) byInterval.set(every, []);
      byInterval.get(every).push(entity);
    }
    return [...byInterval.values()].map((group) => group.sort());
  }

  /** One filtered pull replication of a group that is due, or whose scope changed since its last pull (a share,
   * a role, a profile: it comes down with the next cycle, due or not); returns the group's new token, or null. */
  async pull(group, related) {
    const query = this.profiles.scopeQuery(this.user, related, group);
    const digest = fingerprint(query);
    const token = this.device.state.tokens[group.join(',')];
    const unchanged = Boolean(token) && token.fingerprint === digest;
    if (this.due && unchanged && !group.some((entity) => this.due.has(entity))) return null;
    const since = unchanged ? token.seq : 0;
    const fetched = new Set();
    const held = this.server.held(this.user);
    const source = remote(this.server.db, this.transfer, {
      changes: (result) => {
        for (const row of result.results) {
          if (row.id.startsWith('syncerror:')) continue;
          if (row.deleted) held.delete(row.id);
          else {
            held.add(row.id);
            this.device.unhide(row.id);
          }
        }
      },
      beforeBulkGet: () => {
        if (this.fault === 'during_download') throw new DroppedConnection(this.fault);
      },
      bulkGet: (result) => {
        for (const entry of result.results) {
          for (const doc of entry.docs) {
            if (doc.ok && doc.ok.kind === 'record' && !doc.ok._deleted) fetched.add(doc.ok._id);
          }
        }
      },
    });
    let result;
    try {
      result = await this.PouchDB.replicate(source, this.device.db, {
        filter: SCOPE_FILTER, query_params: query, since, checkpoint: 'target', batch_size: PULL_BATCH,
      });
    } catch (error) {
      throw unwrap(error);
    }
    this.downloaded += fetched.size;
    return { fingerprint: digest, seq: result.last_seq };
  }

  /** The server names the held records that left the scope; the device evicts them (not those with pending
   * changes: they leave once their changes are uploaded, REL-DEL). The privilege snapshot rides along. This last
   * page is part of the download: a connection set to drop during the download drops here if no pull fetched. */
  async reconcile(related) {
    const query = this.profiles.scopeQuery(this.user, related);
    const leaving = await this.server.outOfScope(this.user, query);
    this.transfer.request(HANDSHAKE_BYTES, REMOVAL_BYTES * leaving.length + PRIVILEGES_BYTES);
    if (this.fault === 'during_download') throw new DroppedConnection(this.fault);
    const held = this.server.held(this.user);
    for (const id of leaving) {
      if (this.device.pendingRev(id)) continue;
      await this.device.evict(id);
      held.delete(id);
    }
  }

  report(completed) {
    return {
      $type: 'SyncReport',
      completed,
      started: this.clock.iso(this.started),
      duration_seconds: Math.round(this.transfer.duration(this.link) * 1000) / 1000,
      uploaded: this.uploaded,
      rejected: this.rejected,
      downloaded: this.downloaded,
      removed: this.removed,
      bytes_up: this.transfer.bytesUp,
      bytes_down: this.transfer.bytesDown,
      round_trips: this.transfer.roundTrips,
      metadata_refreshed: this.metadataRefreshed,
      fault: completed ? null : this.fault,
      user: this.user,
    };
  }
}

/** PouchDB wraps an error that ended a replication; a dropped connection is found again by its point. */
function unwrap(error) {
  if (error instanceof DroppedConnection) return error;
  if (error && error.point) return new DroppedConnection(error.point);
  if (error && error.message && /connection dropped/.test(error.message)) {
    const point = ['before_upload', 'after_server_apply', 'during_download'].find((p) => error.message.includes(p.replace(/_/g, ' ')));
    if (point) return new DroppedConnection(point);
  }
  return error;
}

module.exports = { Cycle, fingerprint };
