'use strict';
/** The server: one PouchDB database of records, administrators' writes, and the server's side of sync —
 * what it does with the revisions a device pushes (validate, merge or undo: the page's rules on top of
 * PouchDB's revision trees), which documents a device's pull may take (the scope filter), and which of the
 * records a device holds have left its scope. */

const { scope } = require('./scope_filter');
const { ACTIVITY_TYPES, pointerOf } = require('./metadata');
const { hasRule, targetOf } = require('./profiles');
const { DroppedConnection } = require('./network');

const DESIGN_ID = '_design/offline';
const SCOPE_FILTER = 'offline/scope';
const ACCESS_OF = { create: 'create', update: 'write', delete: 'delete' };
const SECURED_PREFIX = 'secured:';
const UNTRACKED_COLUMNS = new Set(['id', 'ownerid', 'createdon', 'modifiedon']);

function missing(error) {
  if (error.status === 404) return null;
  throw error;
}

/** A document as it can be written again (no revision bookkeeping). */
function body(doc) {
  const { _rev, _revisions, _conflicts, _deleted_conflicts, ...rest } = doc;
  return rest;
}

/** The revision ids of a replicated document, newest first. */
function history(doc) {
  const { start, ids } = doc._revisions;
  return ids.map((hash, i) => `${start - i}-${hash}`);
}

/** The columns `after` changed compared to `before` (system columns aside). */
function changedColumns(before, after) {
  const changed = {};
  for (const [key, value] of Object.entries(after)) {
    if (!UNTRACKED_COLUMNS.has(key) && JSON.stringify(before[key]) !== JSON.stringify(value)) changed[key] = value;
  }
  return changed;
}

/** Whether a server document is a record that `entity` shows (an activity shows through Activity Pointer too). */
function shows(doc, entity) {
  if (!doc || doc.kind !== 'record') return false;
  return doc.entity === entity || (entity === 'activitypointer' && ACTIVITY_TYPES.includes(doc.entity));
}

/** A record document with the values of its secured columns put back (they live in a companion document). */
function withSecured(doc, secured) {
  return secured ? { ...doc, record: { ...doc.record, ...secured.values } } : doc;
}

function view(doc, entity) {
  return entity === 'activitypointer' ? pointerOf(doc.record) : structuredClone(doc.record);
}

class Server {
  constructor(PouchDB, name, { clock, metadata, security, profiles }) {
    this.PouchDB = PouchDB;
    this.name = name;
    this.clock = clock;
    this.metadata = metadata;
    this.security = security;
    this.profiles = profiles;
    this.conflictDetection = false;
    this.idsMade = 0;
    this.errorsMade = new Map();
    this.sent = new Map();
  }

  async open() {
    this.db = new this.PouchDB(this.name, { adapter: 'memory' });
    await this.db.put({ _id: DESIGN_ID, filters: { scope: scope.toString() } });
  }

  async destroy() {
    await this.db.destroy();
  }

  // -- reading ------------------------------------------------------------------------------------
  /** The winning revision of a document, or null if there is none or it is deleted. */
  async doc(id) {
    return this.db.get(id).catch(missing);
  }

  /** The record `entity` shows under `id` (with its secured columns), or null. */
  async record(entity, id) {
    const doc = await this.doc(id);
    if (!shows(doc, entity)) return null;
    const secured = await this.doc(SECURED_PREFIX + id);
    return view(withSecured(doc, secured), entity);
  }

  /** Every record `entity` shows (with its secured columns), ordered by id. */
  async records(entity) {
    const { rows } = await this.db.allDocs({ include_docs: true });
    const secured = new Map(rows.filter((row) => row.doc.kind === 'secured').map((row) => [row.doc.record_id, row.doc]));
    return rows.filter((row) => shows(row.doc, entity)).map((row) => view(withSecured(row.doc, secured.get(row.id)), entity))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Every live record document. */
  async recordDocs() {
    const { rows } = await this.db.allDocs({ include_docs: true });
    return rows.map((row) => row.doc).filter((doc) => doc.kind === 'record');
  }

  // -- writing (administrators, data loading, and users online after validation) --------------------
  newId() {
    this.idsMade += 1;
    return `srv-${String(this.idsMade).padStart(6, '0')}`;
  }

  /** Load records in one bulk write (ids checked by the caller; `revs`: id -> rev of a deleted predecessor). */
  async load(entity, records, revs) {
    const now = this.clock.iso();
    const docs = [];
    for (const { id, ownerid, modifiedon, ...fields } of records) {
      const [open, secured] = this.split(entity, fields);
      docs.push({
        _id: id, _rev: revs.get(id), kind: 'record', entity,
        record: { id, ownerid: ownerid === undefined ? 'admin' : String(ownerid), createdon: now, statecode: 'open', ...open, modifiedon: modifiedon || now },
      });
      if (Object.keys(secured).length) docs.push({ _id: SECURED_PREFIX + id, kind: 'secured', record_id: id, entity, values: secured });
    }
    await this.db.bulkDocs(docs);
  }

  /** Apply a change with no checks; a create may carry its owner and last-modified time. */
  async write(change, owner, modified = null) {
    const now = this.clock.iso();
    const doc = await this.doc(change.recordId);
    const entity = doc ? doc.entity : change.entity;
    const [open, secured] = this.split(entity, change.fields);
    if (change.action === 'create') {
      const record = { id: change.recordId, ownerid: owner, createdon: now, statecode: 'open', ...open };
      record.modifiedon = modified || now;
      const previous = await this.leaf(change.recordId);
      await this.db.put({ _id: change.recordId, _rev: previous ? previous.rev : undefined, kind: 'record', entity, record });
    } else if (change.action === 'update') {
      await this.db.put({ ...doc, record: { ...doc.record, ...open, modifiedon: now } });
    } else {
      await this.db.put({ ...doc, _deleted: true });
    }
    await this.keepSecured(entity, change.recordId, change.action === 'delete' ? null : secured);
  }

  /** A record's columns split into those its document carries and the secured ones (SEC-5). */
  split(entity, fields) {
    const open = {};
    const secured = {};
    for (const [name, value] of Object.entries(fields)) (this.security.isSecured(entity, name) ? secured : open)[name] = value;
    return [open, secured];
  }

  /** Keep a record's secured values in its companion document, which no device's pull ever takes
   * (PouchDB replicates whole documents: a column can stay on the server only in a document of its own). */
  async keepSecured(entity, id, values) {
    const companion = await this.doc(SECURED_PREFIX + id);
    if (values === null) {
      if (companion) await this.db.put({ ...companion, _deleted: true });
      return;
    }
    if (!Object.keys(values).length) return;
    const previous = companion || (await this.leaf(SECURED_PREFIX + id));
    await this.db.put({
      _id: SECURED_PREFIX + id, _rev: previous ? (previous._rev || previous.rev) : undefined, kind: 'secured', record_id: id, entity,
      values: { ...(companion ? companion.values : {}), ...values },
    });
  }

  /** Put a column under field-level security: its values move out of the records' documents. */
  async secure(entity, field) {
    if (!this.security.isSecured(entity, field)) this.security.securedFields.push(`${entity}|${field}`);
    for (const doc of await this.recordDocs()) {
      if (doc.entity !== entity || !(field in doc.record)) continue;
      const { [field]: value, ...rest } = doc.record;
      await this.db.put({ ...doc, record: rest });
      await this.keepSecured(entity, doc._id, { [field]: value });
    }
  }

  /** Why the server refuses `user` doing `action` on `entity` now, or null (`current`: the record it touches;
   * `fields`: the columns written; `offline`: the change comes from a device). */
  validate(user, action, entity, current, fields = {}, offline = true, recordId = null) {
    const problem = this.validateRecord(user, action, entity, current);
    if (problem) return problem;
    const record = action === 'create' ? null : recordId;
    const locked = Object.keys(fields).filter((f) => !this.security.mayWriteField(user, entity, f, offline, record));
    if (!locked.length) return null;
    return { type: 'privilege', message: `${entity}.${locked[0]} is secured and cannot be written ${offline ? 'offline' : `by ${user}`}` };
  }

  /** Whether `user` may read the record a document holds, now. */
  readable(user, doc) {
    return this.security.allows(user, 'read', doc.entity, this.metadata.ownership(doc.entity), doc.record);
  }

  validateRecord(user, action, entity, current) {
    if (!this.metadata.entities.has(entity)) return { type: 'validation', message: `unknown entity ${JSON.stringify(entity)}` };
    const ownership = this.metadata.ownership(entity);
    if (action === 'create') {
      if (current) return { type: 'validation', message: `${entity} ${current.id} already exists` };
      if (this.security.mayCreate(user, entity, ownership)) return null;
      return { type: 'privilege', message: `${user} may no longer create this ${entity} (new)` };
    }
    if (!current) return { type: 'not_found', message: `${entity} record no longer exists on the server` };
    if (this.security.allows(user, ACCESS_OF[action], entity, ownership, current)) return null;
    return { type: 'privilege', message: `${user} may no longer ${ACCESS_OF[action]} this ${entity} (${current.id})` };
  }

  // -- the push: what the server does with the revisions a device uploads ----------------------------
  /** The winning leaf of a document, deleted or not: {rev, deleted, doc}, or null if it never existed. */
  async leaf(id) {
    const { rows } = await this.db.allDocs({ keys: [id] });
    const row = rows[0];
    if (!row || row.error || !row.value) return null;
    const doc = await this.db.get(id, { rev: row.value.rev });
    return { rev: row.value.rev, deleted: Boolean(row.value.deleted), doc };
  }

  /** Store the revisions a device pushed, one by one, each settled before the next (a fault after the first
   * one applied drops the connection before the device hears back). Returns PouchDB's bulkDocs answer, where a
   * rejected revision is a `forbidden` error (PouchDB's replicator reports it as `denied` and goes on) carrying
   * the revisions that undid it and the sync error, so the device matches the server at once. */
  async receive(user, docs, fault, outcomes) {
    const results = [];
    for (const doc of docs) {
      const before = doc.kind === 'record' ? await this.leaf(doc._id) : null;
      const stored = await this.db.bulkDocs({ docs: [doc], new_edits: false });
      const settled = doc.kind === 'record' ? await this.settle(user, doc, before) : null;
      if (doc.kind === 'record') outcomes.push(settled ? settled.outcome : null);
      if (settled && settled.outcome === 'rejected') {
        const leaves = await this.db.get(doc._id, { open_revs: 'all', revs: true });
        const error = await this.db.get(settled.errorId, { revs: true });
        const answer = [...leaves.map((leaf) => leaf.ok).filter(Boolean), error];
        results.push({ id: doc._id, name: 'forbidden', error: 'forbidden', status: 403, reason: settled.message, docs: answer });
      } else {
        results.push(...stored);
      }
      if (fault === 'after_server_apply') throw new DroppedConnection(fault);
    }
    return results;
  }

  /** Decide a pushed revision by the page's rules: apply it, merge it with a concurrent server change
   * (conflict detection off), or undo it and record a sync error (rejected). Returns {outcome: 'applied'}, or
   * {outcome: 'rejected', errorId, message}, or null (a record created and deleted on the device). */
  async settle(user, pushed, before) {
    const revisions = history(pushed);
    const fastForward = !before || revisions.includes(before.rev);
    let base = fastForward && before ? before.doc : null;
    for (const rev of fastForward ? [] : revisions.slice(1)) {
      base = await this.db.get(pushed._id, { rev }).catch(missing);
      if (base) break;
    }
    const live = Boolean(base && !base._deleted);
    const action = pushed._deleted ? (live ? 'delete' : null) : (live ? 'update' : 'create');
    if (!action) return null;
    const current = before && !before.deleted ? before.doc : null;
    const fields = action === 'update' ? changedColumns(base.record, pushed.record)
      : action === 'create' ? changedColumns({}, pushed.record) : {};
    let rejection = null;
    if (action !== 'create' && !fastForward && current && this.conflictDetection) {
      rejection = { type: 'conflict', message: `${pushed.entity} ${pushed._id} changed on the server since the device saw it` };
    } else {
      rejection = this.validate(user, action, pushed.entity, current ? current.record : null, fields);
      if (rejection && rejection.type === 'not_found') rejection.message = `${pushed.entity} ${pushed._id} no longer exists on the server`;
    }
    if (rejection) {
      await this.undo(pushed, before, fastForward, current);
      const errorId = await this.reject(user, pushed, action, fields, rejection);
      return { outcome: 'rejected', errorId, message: rejection.message };
    }
    if (!fastForward) await this.merge(pushed, before, current, action, fields);
    return { outcome: 'applied' };
  }

  /** Conflict detection off: the device's changed columns go onto the server's record (or the delete wins). */
  async merge(pushed, before, current, action, fields) {
    if (action === 'delete') {
      await this.db.put({ ...body(current), _rev: before.rev, _deleted: true });
      return;
    }
    const record = { ...current.record, ...fields, modifiedon: this.clock.iso() };
    await this.db.put({ ...body(current), record, _rev: before.rev });
    await this.db.put({ ...body(pushed), _rev: pushed._rev, _deleted: true });
  }

  /** Decide a queued change that carries no revision (its record was gone from the device when a sync error was
   * retried) by the record the server holds under its id now: 'applied' or 'rejected' (a new sync error). */
  async judge(user, entry) {
    const doc = await this.doc(entry.record_id);
    const current = doc && doc.kind === 'record' ? doc.record : null;
    const rejection = this.validate(user, entry.action, entry.entity, current, entry.fields);
    if (!rejection) {
      await this.write({ action: entry.action, entity: entry.entity, recordId: entry.record_id, fields: entry.fields }, user);
      return 'applied';
    }
    if (rejection.type === 'not_found') rejection.message = `${entry.entity} ${entry.record_id} no longer exists on the server`;
    await this.reject(user, { entity: entry.entity, _id: entry.record_id }, entry.action, entry.fields, rejection);
    return 'rejected';
  }

  /** Put back what the server had before a rejected revision arrived. */
  async undo(pushed, before, fastForward, current) {
    if (fastForward && current) {
      await this.db.put({ ...body(current), _rev: pushed._rev });
    } else if (!pushed._deleted) {
      await this.db.put({ ...body(pushed), _rev: pushed._rev, _deleted: true });
    }
  }

  /** Record a rejected change as a sync error document, which comes down to the user's device. */
  async reject(user, pushed, action, fields, rejection) {
    const number = (this.errorsMade.get(user) || 0) + 1;
    this.errorsMade.set(user, number);
    const id = `syncerror:${user}:${String(number).padStart(6, '0')}`;
    await this.db.put({
      _id: id,
      kind: 'syncerror',
      user,
      id: `E${number}`,
      time: this.clock.iso(),
      entity: pushed.entity,
      record_id: pushed._id,
      action,
      type: rejection.type,
      message: rejection.message,
      change: { action, entity: pushed.entity, recordId: pushed._id, fields },
    });
    return id;
  }

  // -- the pull: scope ---------------------------------------------------------------------------------
  /** The ids each offline entity of `user` gets through profile associations, to a fixed point (FLT-R2). */
  async related(user) {
    const associations = this.profiles.associationsOf(user);
    const found = new Map();
    if (!associations.length) return found;
    const items = this.profiles.itemsOf(user);
    const query = this.profiles.scopeQuery(user);
    const docs = await this.recordDocs();
    const held = new Map();
    for (const doc of docs) {
      const gate = query.entities[doc.entity];
      if (gate && scope(doc, { query: { ...query, entities: { [doc.entity]: gate } } })) {
        if (!held.has(doc.entity)) held.set(doc.entity, new Set());
        held.get(doc.entity).add(doc._id);
      }
    }
    let frontier = new Map([...held].map(([entity, ids]) => [entity, new Set(ids)]));
    while ([...frontier.values()].some((ids) => ids.size)) {
      const fresh = new Map();
      for (const association of associations) {
        const relationship = this.metadata.relationships.get(association.relationship);
        if (!relationship || relationship.kind !== 'one_to_many') continue;
        const target = targetOf(relationship, association.entity);
        if (!items.has(target) || !hasRule(items.get(target))) continue;
        const sources = frontier.get(association.entity) || new Set();
        const candidates = new Set();
        for (const doc of docs) {
          if (relationship.referenced === association.entity && doc.entity === target) {
            const value = doc.record[relationship.lookup];
            if (value && sources.has(value.id)) candidates.add(doc._id);
          } else if (relationship.referencing === association.entity && doc.entity === association.entity && sources.has(doc._id)) {
            const value = doc.record[relationship.lookup];
            if (value && value.id) candidates.add(value.id);
          }
        }
        const gate = { ...query.entities[target], rules: { custom: [] }, related: [...candidates] };
        for (const doc of docs) {
          const known = held.get(target) || new Set();
          if (doc.entity === target && candidates.has(doc._id) && !known.has(doc._id)
            && scope(doc, { query: { ...query, entities: { [target]: gate } } })) {
            if (!fresh.has(target)) fresh.set(target, new Set());
            fresh.get(target).add(doc._id);
          }
        }
      }
      for (const [entity, ids] of fresh) {
        if (!held.has(entity)) held.set(entity, new Set());
        if (!found.has(entity)) found.set(entity, new Set());
        for (const id of ids) {
          held.get(entity).add(id);
          found.get(entity).add(id);
        }
      }
      frontier = fresh;
    }
    return found;
  }

  /** How many records each of `users`' devices would hold (FLT-VOL), from one read of the server. */
  async subscriptionSizes(users) {
    const docs = await this.recordDocs();
    const sizes = new Map();
    for (const user of users) {
      const query = this.profiles.scopeQuery(user, await this.related(user));
      sizes.set(user, docs.filter((doc) => scope(doc, { query })).length);
    }
    return sizes;
  }

  /** The records the server knows `user`'s device holds. */
  held(user) {
    if (!this.sent.has(user)) this.sent.set(user, new Set());
    return this.sent.get(user);
  }

  /** After a push: the device holds the pushed records that are alive on the server. */
  async track(user, ids) {
    const held = this.held(user);
    for (const id of ids) {
      const doc = await this.doc(id);
      if (doc && doc.kind === 'record') held.add(id);
      else held.delete(id);
    }
  }

  /** Of the records `user`'s device holds, those no longer in its scope (deleted, or out of reach). */
  async outOfScope(user, query) {
    const ids = [...this.held(user)].sort();
    if (!ids.length) return [];
    const { rows } = await this.db.allDocs({ keys: ids, include_docs: true });
    return rows.filter((row) => !row.doc || !scope(row.doc, { query })).map((row) => row.key);
  }
}

module.exports = { Server, SCOPE_FILTER, shows, view, body };
