'use strict';
/** Offline profiles: validation against the page's rules and limits (edition 2020-08), publishing, the org
 * data filter, and the per-user query that parameterises the scope filter. */

const { tableRow, NOT_OFFLINE_CLAIM } = require('./catalog');
const conditions = require('./conditions');
const { ACTIVITY_TYPES } = require('./metadata');
const { DAY, iso } = require('./clock');

const EDITION = {
  maxProfileUsers: 2000,
  maxRelationshipsPerEntity: 10,
  maxOneToManyPerEntity: 1,
  maxCustomFilters: 3,
  recommendedRecordsPerUser: 10000,
};
const DEFAULT_ORG_FILTER_DAYS = 10;

function finding(claim, message, entity = null, limit = null) {
  return { $type: 'Finding', claim, message, entity, limit };
}

/** Normalised rules of a profile item (the seam's ProfileRules with defaults filled in). */
function rulesOf(item) {
  const r = item.rules || {};
  return {
    all_records: Boolean(r.all_records), related_only: Boolean(r.related_only),
    other_data_filter: Boolean(r.other_data_filter), mine: Boolean(r.mine), my_teams: Boolean(r.my_teams),
    my_business_unit: Boolean(r.my_business_unit), custom: Array.isArray(r.custom) ? r.custom : [],
  };
}

/** Whether an item has any rule at all (without one nothing of it is downloaded, FLT-R0). */
function hasRule(item) {
  const r = rulesOf(item);
  return r.all_records || r.related_only || r.other_data_filter || r.mine || r.my_teams || r.my_business_unit
    || r.custom.length > 0;
}

function targetOf(relationship, entity) {
  return relationship.referenced === entity ? relationship.referencing : relationship.referenced;
}

/** A cycle in a directed graph as a path returning to its start, or null. */
function findCycle(edges) {
  const state = new Map();
  const path = [];
  function visit(node) {
    state.set(node, 1);
    path.push(node);
    for (const next of [...(edges.get(node) || [])].sort()) {
      if (state.get(next) === 1) return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    state.set(node, 2);
    path.pop();
    return null;
  }
  for (const start of [...edges.keys()].sort()) {
    if (!state.has(start)) {
      const found = visit(start);
      if (found) return found;
    }
  }
  return null;
}

class Profiles {
  constructor(metadata, security, clock) {
    this.metadata = metadata;
    this.security = security;
    this.clock = clock;
    this.published = new Map();
    this.orgFilters = new Map();
    this.appModules = [];
  }

  /** Every check of `profile`; {errors, warnings} (changes nothing). */
  validate(profile) {
    return new ProfileCheck(this, profile).run();
  }

  /** Publish (create or replace) after validation; returns the seam's PublishResult minus volume warnings. */
  publish(profile) {
    const { errors, warnings } = this.validate(profile);
    if (errors.length) return { $type: 'PublishResult', published: false, errors, warnings };
    this.published.set(profile.name, profile);
    return { $type: 'PublishResult', published: true, errors: [], warnings: [...warnings, ...this.unavailableLookups(profile)] };
  }

  /** Publish warnings: each lookup of a profile entity whose target the profile leaves out (CAP-LK). */
  unavailableLookups(profile) {
    const entities = [...new Set(profile.items.map((i) => i.entity).filter((e) => this.metadata.entities.has(e)))].sort();
    return entities.flatMap((entity) => [...this.metadata.entities.get(entity).attributes.values()]
      .filter((a) => a.type === 'lookup' && a.target && !entities.includes(a.target))
      .map((a) => finding('CAP-LK', `lookup ${entity}.${a.name} points to ${a.target}, which profile ${JSON.stringify(profile.name)} `
        + 'leaves out: the lookup is unavailable offline', entity, 'lookup targets must be offline-enabled')));
  }

  /** The users a profile applies to, directly or through its teams. */
  usersOf(profile) {
    const users = new Set(profile.users || []);
    for (const team of profile.teams || []) {
      if (this.security.isTeam(team)) for (const m of this.security.principals[team].members) users.add(m);
    }
    return users;
  }

  /** The one profile that applies to `user` (FLT-PU): the one naming her, else the earliest published that
   * reaches her through a team. */
  profilesOf(user) {
    const reaching = [...this.published.values()].filter((p) => this.usersOf(p).has(user));
    const naming = reaching.filter((p) => (p.users || []).includes(user));
    return (naming.length ? naming : reaching).slice(0, 1);
  }

  /** The users of `profile` that another published profile already holds, with that profile's name. */
  holders(profile) {
    const found = new Map();
    const wanted = this.usersOf(profile);
    for (const other of this.published.values()) {
      if (other.name === profile.name) continue;
      for (const user of this.usersOf(other)) if (wanted.has(user) && !found.has(user)) found.set(user, other.name);
    }
    return found;
  }

  /** The user's profile items by entity (the first profile naming an entity wins). */
  itemsOf(user) {
    const items = new Map();
    for (const profile of this.profilesOf(user)) {
      for (const item of profile.items) if (!items.has(item.entity)) items.set(item.entity, item);
    }
    return items;
  }

  /** The profile item associations that apply to `user`. */
  associationsOf(user) {
    return this.profilesOf(user).flatMap((p) => p.associations || []);
  }

  /** Entities whose metadata the device downloads: the offline app modules', else the profile's. */
  metadataEntities(user) {
    if (this.appModules.length) return [...new Set(this.appModules.flatMap((m) => m.entities))].sort();
    return [...this.itemsOf(user).keys()].sort();
  }

  /** The entity's org data filter: the one set, else the default for user-owned entities (FLT-ORG2). */
  orgFilter(entity) {
    if (this.orgFilters.has(entity)) return this.orgFilters.get(entity);
    if (this.metadata.ownership(entity) === 'user') {
      return [{ field: 'modifiedon', operator: 'last-x-days', value: DEFAULT_ORG_FILTER_DAYS }];
    }
    return null;
  }

  /** The scope filter's parameters for `user` over `entities` (default: all offline entities), with the
   * related ids that associations bring (`related`: entity -> ids). */
  scopeQuery(user, related = new Map(), entities = null) {
    const items = this.itemsOf(user);
    const me = this.security.principals[user];
    const unitMembers = Object.values(this.security.principals)
      .filter((p) => p.businessUnit === me.businessUnit).map((p) => p.name).sort();
    const query = {
      user,
      teams: this.security.teamsOf(user).sort(),
      unitMembers,
      now: this.clock.iso(),
      activityTypes: ACTIVITY_TYPES,
      entities: {},
    };
    for (const [entity, item] of items) {
      if (entities && !entities.includes(entity)) continue;
      query.entities[entity] = this.gate(user, entity, item, related.get(entity) || []);
    }
    return query;
  }

  gate(user, entity, item, related) {
    const r = rulesOf(item);
    const org = this.orgFilter(entity) || [];
    const window = (c) => c.operator === 'last-x-days' && c.field === 'modifiedon';
    const days = org.filter(window).map((c) => c.value);
    const since = days.length ? iso(this.clock.seconds - Math.min(...days) * DAY) : null;
    return {
      rules: { all: r.all_records, mine: r.mine, teams: r.my_teams, unit: r.my_business_unit, custom: r.custom },
      related: [...related].sort(),
      org: { since, conditions: org.filter((c) => !window(c)) },
      read: this.security.readers(user, entity, this.metadata.ownership(entity)),
    };
  }
}

class ProfileCheck {
  constructor(profiles, profile) {
    this.profiles = profiles;
    this.profile = profile;
    this.errors = [];
    this.warnings = [];
    this.items = new Map((profile.items || []).map((item) => [item.entity, item]));
  }

  error(claim, message, entity = null, limit = null) {
    this.errors.push(finding(claim, message, entity, limit));
  }

  warn(claim, message, entity = null, limit = null) {
    this.warnings.push(finding(claim, message, entity, limit));
  }

  run() {
    this.checkUsers();
    const counts = new Map();
    for (const item of this.profile.items) counts.set(item.entity, (counts.get(item.entity) || 0) + 1);
    for (const [entity, count] of counts) {
      if (count > 1) this.error('REL-BAD', `${entity} appears ${count} times in profile ${JSON.stringify(this.profile.name)}`, entity);
    }
    for (const item of this.profile.items) this.checkItem(item);
    this.checkAssociations();
    this.checkOrgFilters();
    return { errors: this.errors, warnings: this.warnings };
  }

  checkUsers() {
    const security = this.profiles.security;
    for (const user of this.profile.users || []) if (!security.isUser(user)) this.error('REL-BAD', `unknown user ${JSON.stringify(user)}`);
    for (const team of this.profile.teams || []) if (!security.isTeam(team)) this.error('REL-BAD', `unknown team ${JSON.stringify(team)}`);
    for (const [user, holder] of [...this.profiles.holders(this.profile)].sort()) {
      if ((this.profile.users || []).includes(user)) {
        this.error('FLT-PU', `${user} is already in the offline profile ${JSON.stringify(holder)}: a user belongs to one profile`,
          null, 'one offline profile per user');
      } else {
        this.warn('FLT-PU', `${user} comes in through a team but is already in ${JSON.stringify(holder)}: the profile she was in first applies`,
          null, 'one offline profile per user');
      }
    }
    const count = this.profiles.usersOf(this.profile).size;
    const limit = EDITION.maxProfileUsers;
    if (count > limit) {
      this.error('FLT-PU', `profile ${JSON.stringify(this.profile.name)} would hold ${count.toLocaleString('en-US')} users; `
        + `a profile holds at most ${limit.toLocaleString('en-US')}`, null, `${limit.toLocaleString('en-US')} users per profile`);
    }
  }

  checkItem(item) {
    const entity = item.entity;
    const meta = this.profiles.metadata.entities.get(entity);
    if (!meta) {
      this.error('REL-BAD', `unknown entity ${JSON.stringify(entity)}`, entity);
      return;
    }
    if (!tableRow(entity, meta.custom)) {
      this.error(NOT_OFFLINE_CLAIM, `${entity} is not one of the entities the app can take offline`, entity, "the page's entity table");
      return;
    }
    const interval = item.sync_interval_minutes === undefined ? 5 : item.sync_interval_minutes;
    if (!(interval >= 1)) this.error('REL-BAD', `${entity}: sync interval must be at least 1 minute`, entity);
    const r = rulesOf(item);
    const other = r.other_data_filter || r.mine || r.my_teams || r.my_business_unit;
    const chosen = [['other data filter', other], ['custom data filter', r.custom.length > 0]].filter(([, on]) => on).map(([n]) => n);
    const besides = [...chosen, ...(r.related_only ? ['related data only'] : [])];
    if (r.all_records && besides.length) {
      this.error('FLT-R1', `${entity}: 'all records' excludes every other rule, yet ${besides.join(' and ')} is set`, entity, "'all records' stands alone");
    }
    if (r.related_only) this.checkRelatedOnly(entity, [...chosen, ...(r.all_records ? ['all records'] : [])]);
    if (!hasRule(item)) {
      this.warn('FLT-R0', `${entity} has no profile rule: none of its records will be downloaded`, entity, 'at least one rule per entity');
    }
    if (r.other_data_filter && !(r.mine || r.my_teams || r.my_business_unit)) {
      this.error('FLT-R3', `${entity}: 'other data filter' needs my records, my team's records or my business unit's records`,
        entity, "at least one of my, my team's, my business unit's records");
    }
    if (r.my_business_unit && !item.small_master_data) {
      this.warn('FLT-R3', `${entity}: a business-unit filter downloads a lot; keep it for small master data`, entity,
        'business-unit filters for small master data only');
    }
    const limit = EDITION.maxCustomFilters;
    if (r.custom.length > limit) {
      this.error('FLT-R4', `${entity} has ${r.custom.length} custom data filters; at most ${limit} are allowed`, entity, `${limit} custom filters per entity`);
    }
    for (const condition of r.custom) {
      const why = conditions.problem(meta, condition);
      if (why) this.error('FLT-R4', why, entity);
    }
  }

  checkRelatedOnly(entity, others) {
    if (others.length) {
      this.error('FLT-R2', `${entity}: 'related data only' excludes every other rule, yet ${others.join(' and ')} is set`, entity, "'related data only' stands alone");
    }
    const relationships = this.profiles.metadata.relationships;
    const targets = new Set((this.profile.associations || [])
      .filter((a) => relationships.has(a.relationship))
      .map((a) => targetOf(relationships.get(a.relationship), a.entity)));
    if (!targets.has(entity)) {
      this.error('FLT-R2', `${entity}: 'related data only' needs a profile item association that brings ${entity}`, entity, "'related data only' needs an association");
    }
  }

  checkAssociations() {
    const relationships = this.profiles.metadata.relationships;
    const edges = new Map();
    const perEntity = new Map();
    const fanning = new Map();
    for (const { entity, relationship: name } of this.profile.associations || []) {
      const relationship = relationships.get(name);
      if (!relationship || ![relationship.referenced, relationship.referencing].includes(entity)) {
        this.error('REL-BAD', `${entity}: no relationship ${JSON.stringify(name)} on it`, entity);
        continue;
      }
      const target = targetOf(relationship, entity);
      if (relationship.referenced === relationship.referencing) {
        this.error('FLT-REL3', `${entity}: ${relationship.name} refers to ${entity} itself`, entity, 'no self-references');
        continue;
      }
      for (const side of [entity, target]) {
        if (!this.items.has(side)) this.error('REL-BAD', `${relationship.name}: ${side} is not an item of the profile`, side);
      }
      perEntity.set(entity, (perEntity.get(entity) || 0) + 1);
      const fans = relationship.kind === 'many_to_many' || relationship.referenced === entity;
      fanning.set(entity, (fanning.get(entity) || 0) + (fans ? 1 : 0));
      if (!edges.has(entity)) edges.set(entity, new Set());
      edges.get(entity).add(target);
    }
    const most = EDITION.maxRelationshipsPerEntity;
    const fanLimit = EDITION.maxOneToManyPerEntity;
    for (const entity of [...perEntity.keys()].sort()) {
      if (perEntity.get(entity) > most) {
        this.error('FLT-REL1', `${entity} has ${perEntity.get(entity)} relationships in the profile; at most ${most} are allowed`, entity, `${most} relationships per entity`);
      }
      if (fanning.get(entity) > fanLimit) {
        this.error('FLT-REL2', `${entity} has ${fanning.get(entity)} one-to-many or many-to-many relationships; at most ${fanLimit}`,
          entity, `${fanLimit} one-to-many or many-to-many per entity`);
      }
    }
    const cycle = findCycle(edges);
    if (cycle) this.error('FLT-REL3', `profile associations go round in a circle: ${cycle.join(' → ')}`, cycle[0], 'no circular references');
  }

  checkOrgFilters() {
    const elsewhere = new Set();
    for (const p of this.profiles.published.values()) {
      if (p.name !== this.profile.name) for (const i of p.items) elsewhere.add(i.entity);
    }
    for (const entity of [...this.items.keys()].filter((e) => elsewhere.has(e)).sort()) {
      const filter = this.profiles.metadata.entities.has(entity) ? this.profiles.orgFilter(entity) : [];
      if (this.profiles.metadata.entities.has(entity) && !(filter && filter.length)) {
        this.warn('FLT-ORG1', `${entity} is used across profiles but has no org data filter rule`, entity, 'an org data filter rule for each shared entity');
      }
    }
  }
}

module.exports = { Profiles, EDITION, hasRule, rulesOf, targetOf, finding };
