'use strict';
/** The security model: business units, users, teams, roles with depths, sharing and hierarchy security.
 * Plain data throughout, so a device can hold a copy of it as its privilege snapshot (SEC-1). */

const DEPTH_ORDER = { none: 0, user: 1, business_unit: 2, parent_child: 3, organization: 4 };
const HIERARCHY_ACCESS = new Set(['read', 'write', 'append', 'append_to']);
const ACCESS_RIGHTS = ['create', 'read', 'write', 'delete', 'append', 'append_to', 'assign', 'share'];

class SecurityModel {
  constructor(state) {
    const s = state || {};
    this.businessUnits = s.businessUnits || {};
    this.principals = s.principals || {};
    this.roles = s.roles || {};
    this.shares = s.shares || {};
    this.hierarchyDepth = s.hierarchyDepth || 0;
    this.securedFields = s.securedFields || [];
    this.fieldGrants = s.fieldGrants || {};
    this.fieldShares = s.fieldShares || {};
  }

  /** The model as plain data (what a device stores as its snapshot). */
  toJSON() {
    return {
      businessUnits: this.businessUnits, principals: this.principals, roles: this.roles,
      shares: this.shares, hierarchyDepth: this.hierarchyDepth, securedFields: this.securedFields, fieldGrants: this.fieldGrants,
      fieldShares: this.fieldShares,
    };
  }

  /** An independent copy. */
  snapshot() {
    return new SecurityModel(structuredClone(this.toJSON()));
  }

  // -- setup ----------------------------------------------------------------------------------
  /** Add a business unit; returns why not, or null. */
  addBusinessUnit(name, parent) {
    if (typeof name !== 'string' || !name) return 'a business unit needs a name';
    if (name in this.businessUnits) return `business unit ${JSON.stringify(name)} already exists`;
    const hasRoot = Object.values(this.businessUnits).some((p) => p === null);
    if (parent === null && hasRoot) {
      return `business unit ${JSON.stringify(name)} needs a parent: the organization already has a root business unit`;
    }
    if (parent !== null && !(parent in this.businessUnits)) return `unknown parent business unit ${JSON.stringify(parent)}`;
    this.businessUnits[name] = parent;
    return null;
  }

  /** Add a user or team; returns why not, or null. */
  addPrincipal({ name, businessUnit, isTeam = false, manager = null, members = [] }) {
    if (typeof name !== 'string' || !name) return 'a user or team needs a name';
    if (name in this.principals) return `${JSON.stringify(name)} already exists`;
    if (!(businessUnit in this.businessUnits)) return `unknown business unit ${JSON.stringify(businessUnit)}`;
    if (manager !== null && !this.isUser(manager)) return `unknown manager ${JSON.stringify(manager)}`;
    const unknown = members.filter((m) => !this.isUser(m)).sort();
    if (unknown.length) return `unknown team members ${JSON.stringify(unknown)}`;
    this.principals[name] = { name, businessUnit, isTeam, manager, roles: [], members: [...members] };
    return null;
  }

  /** Create or replace a role from privileges {entity, access, depth}. */
  defineRole(name, privileges) {
    const grants = {};
    for (const p of privileges) grants[`${p.entity}|${p.access}`] = p.depth;
    this.roles[name] = grants;
  }

  isUser(name) {
    const p = this.principals[name];
    return Boolean(p && !p.isTeam);
  }

  isTeam(name) {
    const p = this.principals[name];
    return Boolean(p && p.isTeam);
  }

  /** All user names. */
  users() {
    return Object.values(this.principals).filter((p) => !p.isTeam).map((p) => p.name);
  }

  /** The teams `user` belongs to. */
  teamsOf(user) {
    return Object.values(this.principals).filter((p) => p.isTeam && p.members.includes(user)).map((p) => p.name);
  }

  // -- decisions ------------------------------------------------------------------------------
  /** The widest depth any of the user's roles grants for `access` on `entity`. */
  depth(user, entity, access) {
    let best = 'none';
    for (const role of this.principals[user].roles) {
      const granted = (this.roles[role] || {})[`${entity}|${access}`] || 'none';
      if (DEPTH_ORDER[granted] > DEPTH_ORDER[best]) best = granted;
    }
    return best;
  }

  /** `unit` and every business unit below it. */
  subtree(unit) {
    const found = new Set([unit]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [name, parent] of Object.entries(this.businessUnits)) {
        if (found.has(parent) && !found.has(name)) {
          found.add(name);
          grew = true;
        }
      }
    }
    return found;
  }

  /** Users below `manager`, down to the configured hierarchy depth. */
  reports(manager) {
    const found = new Set();
    let level = new Set([manager]);
    for (let i = 0; i < this.hierarchyDepth; i += 1) {
      const next = new Set();
      for (const p of Object.values(this.principals)) {
        if (!p.isTeam && level.has(p.manager) && !found.has(p.name)) next.add(p.name);
      }
      for (const name of next) found.add(name);
      level = next;
    }
    return found;
  }

  /** Whether `user` may `access` `record` of `entity` (its ownerid names its owning user or team). */
  allows(user, access, entity, ownership, record) {
    const depth = this.depth(user, entity, access);
    if (depth === 'organization' || (ownership !== 'user' && depth !== 'none')) return true;
    const owner = this.principals[String(record.ownerid)];
    const me = this.principals[user];
    if (depth !== 'none' && owner) {
      if (owner.name === user || (owner.isTeam && owner.members.includes(user))) return true;
      if (depth === 'business_unit' && owner.businessUnit === me.businessUnit) return true;
      if (depth === 'parent_child' && this.subtree(me.businessUnit).has(owner.businessUnit)) return true;
    }
    if (this.shared(user, entity, String(record.id), access)) return true;
    return HIERARCHY_ACCESS.has(access) && Boolean(owner) && !owner.isTeam && this.reports(user).has(owner.name);
  }

  /** Whether a record is shared with `user` or one of her teams for `access`. */
  shared(user, entity, recordId, access) {
    const grants = this.shares[`${entity}|${recordId}`];
    if (!grants) return false;
    return [user, ...this.teamsOf(user)].some((p) => (grants[p] || []).includes(access));
  }

  /** Whether `user` may create a record of `entity` owned by herself. */
  mayCreate(user, entity, ownership) {
    return this.allows(user, 'create', entity, ownership, { ownerid: user });
  }

  /** Whether a column is under field-level security (never offline, SEC-5). */
  isSecured(entity, field) {
    return this.securedFields.includes(`${entity}|${field}`);
  }

  /** [read, update] on a secured column online: the user's field grant, or a share of this record's column. */
  fieldRights(user, entity, field, recordId) {
    const granted = this.fieldGrants[`${user}|${entity}|${field}`] || [false, false];
    const shared = this.fieldShares[`${user}|${entity}|${recordId}|${field}`] || [false, false];
    return [granted[0] || shared[0], granted[1] || shared[1]];
  }

  /** Whether `user` sees a column: secured ones only online, with a read grant or share (SEC-5 fails closed). */
  mayReadField(user, entity, field, offline, recordId = null) {
    return !this.isSecured(entity, field) || (!offline && this.fieldRights(user, entity, field, recordId)[0]);
  }

  /** Whether `user` may write a column: secured ones only online, with an update grant or share. */
  mayWriteField(user, entity, field, offline, recordId = null) {
    return !this.isSecured(entity, field) || (!offline && this.fieldRights(user, entity, field, recordId)[1]);
  }

  /** Who `user` reads records of `entity` from: every owner (`all`) or the owners and shared ids listed. */
  readers(user, entity, ownership) {
    const depth = this.depth(user, entity, 'read');
    if (depth === 'organization' || (ownership !== 'user' && depth !== 'none')) return { all: true };
    const owners = new Set(this.reports(user));
    const me = this.principals[user];
    if (depth !== 'none') {
      owners.add(user);
      for (const team of this.teamsOf(user)) owners.add(team);
      const units = depth === 'business_unit' ? new Set([me.businessUnit])
        : depth === 'parent_child' ? this.subtree(me.businessUnit) : new Set();
      for (const p of Object.values(this.principals)) if (units.has(p.businessUnit)) owners.add(p.name);
    }
    const shared = Object.keys(this.shares)
      .filter((key) => key.startsWith(`${entity}|`) && this.shared(user, entity, key.slice(entity.length + 1), 'read'))
      .map((key) => key.slice(entity.length + 1));
    return { all: false, owners: [...owners].sort(), shared: shared.sort() };
  }
}

module.exports = { SecurityModel, ACCESS_RIGHTS, DEPTH_ORDER };
