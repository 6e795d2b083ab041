'use strict';
/** Metadata: the standard CRM entities with typed columns, custom entities, relationships, value checks. */

const SYSTEM_COLUMNS = ['id', 'ownerid', 'createdon', 'modifiedon', 'statecode'];
const ACTIVITY_TYPES = [
  'appointment', 'email', 'phonecall', 'task', 'fax', 'letter', 'serviceappointment', 'campaignresponse',
  'campaignactivity', 'recurringappointmentmaster', 'socialactivity',
];
const ACTIVITY_COLUMNS = ['subject', 'regardingobjectid', 'scheduledend', 'activitytypecode'];
const ACTIVITY = 'subject:string regardingobjectid:lookup scheduledend:datetime description:memo ';

/** 'name:type[:target] ...' as attributes. */
function attrs(spec) {
  return spec.trim().split(/\s+/).map((token) => {
    const [name, type, target] = token.split(':');
    return { name, type, target: target || null };
  });
}

const STANDARD_ENTITIES = [
  ['account', 'user', 'name:string telephone1:string emailaddress1:string address1_city:string revenue:decimal '
    + 'numberofemployees:integer primarycontactid:lookup:contact parentaccountid:lookup:account description:memo '
    + 'lastcontacted:datetime'],
  ['contact', 'user', 'firstname:string lastname:string emailaddress1:string telephone1:string jobtitle:string '
    + 'parentcustomerid:lookup:account birthdate:datetime'],
  ['lead', 'user', 'subject:string firstname:string lastname:string companyname:string emailaddress1:string '
    + 'telephone1:string statusreason:choice stage:string'],
  ['opportunity', 'user', 'name:string estimatedvalue:decimal estimatedclosedate:datetime customerid:lookup:account '
    + 'parentcontactid:lookup:contact originatingleadid:lookup:lead sourceid:lookup stage:string'],
  ['opportunityproduct', 'user',
    'opportunityid:lookup:opportunity productid:lookup:product quantity:decimal priceperunit:decimal'],
  ['incident', 'user', 'title:string customerid:lookup:account description:memo prioritycode:choice '
    + 'originatingactivityid:lookup:appointment stage:string'],
  ['competitor', 'organization', 'name:string websiteurl:string strengths:memo'],
  ['competitoraddress', 'organization', 'parentid:lookup:competitor line1:string city:string'],
  ['connection', 'user', 'record1id:lookup:account record2id:lookup:contact record1roleid:lookup:connectionrole'],
  ['connectionrole', 'organization', 'name:string category:choice'],
  ['appointment', 'user', ACTIVITY + 'scheduledstart:datetime location:string'],
  ['email', 'user', ACTIVITY + 'to:string'],
  ['activitymimeattachment', 'user', 'filename:string mimetype:string body:memo objectid:lookup:email'],
  ['phonecall', 'user', ACTIVITY + 'phonenumber:string'],
  ['task', 'user', ACTIVITY + 'percentcomplete:integer'],
  ['position', 'business_unit', 'name:string parentpositionid:lookup:position'],
  ['product', 'organization', 'name:string productnumber:string price:decimal'],
  ['team', 'business_unit', 'name:string businessunitid:string'],
  ['systemuser', 'business_unit', 'fullname:string businessunitid:string'],
  ['activitypointer', 'user', ACTIVITY],
  ['annotation', 'user', 'notetext:string objectid:lookup filename:string mimetype:string documentbody:memo '
    + 'isdocument:boolean attachmentsource:choice'],
  ['quote', 'user', 'name:string customerid:lookup:account'],
  ['invoice', 'user', 'name:string customerid:lookup:account'],
  ['salesorder', 'user', 'name:string customerid:lookup:account'],
  ['campaign', 'user', 'name:string'],
  ...ACTIVITY_TYPES.filter((name) => !['appointment', 'email', 'phonecall', 'task'].includes(name))
    .map((name) => [name, 'user', ACTIVITY]),
];

const STANDARD_RELATIONSHIPS = [
  ['contact_customer_accounts', 'one_to_many', 'account', 'contact', 'parentcustomerid'],
  ['account_primary_contact', 'one_to_many', 'contact', 'account', 'primarycontactid'],
  ['account_parent_account', 'one_to_many', 'account', 'account', 'parentaccountid'],
  ['opportunity_customer_accounts', 'one_to_many', 'account', 'opportunity', 'customerid'],
  ['opportunity_parent_contact', 'one_to_many', 'contact', 'opportunity', 'parentcontactid'],
  ['opportunity_originating_lead', 'one_to_many', 'lead', 'opportunity', 'originatingleadid'],
  ['opportunity_products', 'one_to_many', 'opportunity', 'opportunityproduct', 'opportunityid'],
  ['product_opportunities', 'one_to_many', 'product', 'opportunityproduct', 'productid'],
  ['incident_customer_accounts', 'one_to_many', 'account', 'incident', 'customerid'],
  ['competitor_addresses', 'one_to_many', 'competitor', 'competitoraddress', 'parentid'],
  ['competitor_products', 'many_to_many', 'competitor', 'product', null],
  ['account_connections', 'one_to_many', 'account', 'connection', 'record1id'],
  ['contact_connections', 'one_to_many', 'contact', 'connection', 'record2id'],
  ['connectionrole_connections', 'one_to_many', 'connectionrole', 'connection', 'record1roleid'],
  ['email_attachments', 'one_to_many', 'email', 'activitymimeattachment', 'objectid'],
  ['position_parent', 'one_to_many', 'position', 'position', 'parentpositionid'],
  ['contact_leads', 'many_to_many', 'contact', 'lead', null],
  ['account_competitors', 'many_to_many', 'account', 'competitor', null],
].map(([name, kind, referenced, referencing, lookup]) => ({ name, kind, referenced, referencing, lookup }));

const VALUE_TYPES = {
  string: 'string', memo: 'string', choice: 'string', datetime: 'string',
  integer: 'integer', decimal: 'number', boolean: 'boolean', lookup: 'lookup',
};
const PRIMARY_NAME_CANDIDATES = ['name', 'fullname', 'subject', 'title', 'filename', 'lastname'];

function kindOf(value) {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'lookup' : typeof value;
}

/** The most characters a string (one line) or memo (many lines) column holds (REL-BAD). */
const MAX_TEXT_LENGTH = { string: 4000, memo: 1048576 };
/** The values an integer column holds (32 bits), and the finite numbers a decimal column holds (REL-BAD). */
const NUMBER_RANGE = { integer: [-2147483648, 2147483647], decimal: [-100000000000, 100000000000] };
/** An ISO-8601 date, or date and time (hours, minutes, optional seconds and fraction, optional offset). */
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?:Z|[+-](\d{2})(?::?(\d{2}))?)?)?$/;

/** Why `value` is not a valid value of `attribute` of `entity` (wrong type, beyond the column's limits, a
 * datetime that is not ISO-8601), or null (null is always valid). */
function checkValue(entity, attribute, value) {
  if (value === null || value === undefined) return null;
  const expected = VALUE_TYPES[attribute.type];
  const found = kindOf(value);
  const fits = found === expected || (expected === 'number' && found === 'integer');
  if (!fits) return `${entity}.${attribute.name} is ${attribute.type}; ${JSON.stringify(value)} is a ${found}`;
  if (expected === 'lookup') return checkLookup(entity, attribute, value);
  return checkLimits(entity, attribute, value);
}

function checkLookup(entity, attribute, value) {
  const keys = Object.keys(value).sort();
  if (keys.join(',') !== 'entity,id' || typeof value.entity !== 'string' || typeof value.id !== 'string') {
    return `${entity}.${attribute.name} is a lookup: expected {"entity": ..., "id": ...}, got ${JSON.stringify(value)}`;
  }
  if (attribute.target && value.entity !== attribute.target) {
    return `${entity}.${attribute.name} points to ${attribute.target}, not ${value.entity}`;
  }
  return null;
}

/** The characters of a text (code points, as the harness counts them, not UTF-16 units). */
function characters(text) {
  let count = text.length;
  for (const match of text.matchAll(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)) count -= match[0].length - 1;
  return count;
}

/** Why a value of the right type does not fit its column: too long, out of range, not a date; or null. */
function checkLimits(entity, attribute, value) {
  const { type } = attribute;
  const name = `${entity}.${attribute.name}`;
  if (type in MAX_TEXT_LENGTH && value.length > MAX_TEXT_LENGTH[type]) {
    const length = characters(value);
    if (length > MAX_TEXT_LENGTH[type]) return `${name} holds at most ${MAX_TEXT_LENGTH[type]} characters; the value has ${length}`;
  }
  if (type in NUMBER_RANGE) {
    const [low, high] = NUMBER_RANGE[type];
    if (!Number.isFinite(value) || value < low || value > high) return `${name} holds ${type} values from ${low} to ${high}; ${value} is outside`;
  }
  if (type === 'datetime' && !isDatetime(value)) return `${name} is datetime: ${JSON.stringify(value)} is not an ISO-8601 date and time`;
  return null;
}

/** Whether `text` is an ISO-8601 date or date and time that exists on the calendar and the clock. */
function isDatetime(text) {
  const match = ISO_DATETIME.exec(text);
  if (!match) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMinutes = 0] = match.slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  if (offsetHours > 23 || offsetMinutes > 59) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59;
}

class Metadata {
  constructor() {
    this.entities = new Map();
    this.relationships = new Map();
    this.ribbonButtons = new Map();
    for (const [name, ownership] of STANDARD_ENTITIES) {
      this.entities.set(name, { name, ownership, custom: false, attributes: new Map() });
    }
    for (const [name, , spec] of STANDARD_ENTITIES) {
      for (const attribute of attrs(spec)) {
        const problem = this.addAttribute(name, attribute);
        if (problem) throw new Error(problem);
      }
    }
    for (const relationship of STANDARD_RELATIONSHIPS) this.relationships.set(relationship.name, relationship);
  }

  /** Register a custom entity; returns why not, or null. */
  addEntity(definition) {
    const { name, ownership = 'user', attributes = [] } = definition;
    if (typeof name !== 'string' || !name) return 'a custom entity needs a name';
    if (this.entities.has(name)) return `entity ${JSON.stringify(name)} already exists`;
    if (!name.includes('_')) return `custom entity ${JSON.stringify(name)} needs a publisher prefix such as 'new_'`;
    if (!['user', 'business_unit', 'organization'].includes(ownership)) return `unknown ownership ${JSON.stringify(ownership)}`;
    this.entities.set(name, { name, ownership, custom: true, attributes: new Map() });
    for (const attribute of attributes) {
      const problem = this.addAttribute(name, attribute);
      if (problem) {
        this.entities.delete(name);
        return problem;
      }
    }
    return null;
  }

  /** Add a column; returns why not, or null. */
  addAttribute(entity, attribute) {
    const meta = this.entities.get(entity);
    if (!meta) return `unknown entity ${JSON.stringify(entity)}`;
    const { name, type, target = null } = attribute;
    if (meta.attributes.has(name) || SYSTEM_COLUMNS.includes(name)) return `${entity}.${name} already exists`;
    if (!(type in VALUE_TYPES)) return `${entity}.${name}: unknown type ${JSON.stringify(type)}`;
    if (target !== null && !this.entities.has(target)) return `${entity}.${name}: lookup target ${JSON.stringify(target)} is not an entity`;
    meta.attributes.set(name, { name, type, target });
    return null;
  }

  /** Add a relationship (a one-to-many also gets its lookup column); returns why not, or null. */
  addRelationship(definition) {
    const { name, kind, referenced, referencing, lookup = null } = definition;
    if (this.relationships.has(name)) return `relationship ${JSON.stringify(name)} already exists`;
    if (!['one_to_many', 'many_to_many'].includes(kind)) return `unknown relationship kind ${JSON.stringify(kind)}`;
    for (const side of [referenced, referencing]) {
      if (!this.entities.has(side)) return `relationship ${JSON.stringify(name)}: unknown entity ${JSON.stringify(side)}`;
    }
    if (kind === 'one_to_many') {
      if (!lookup) return `one-to-many relationship ${JSON.stringify(name)} needs a lookup column`;
      const existing = this.entities.get(referencing).attributes.get(lookup);
      if (!existing) {
        const problem = this.addAttribute(referencing, { name: lookup, type: 'lookup', target: referenced });
        if (problem) return problem;
      } else if (existing.type !== 'lookup') {
        return `${referencing}.${lookup} is not a lookup`;
      }
    }
    this.relationships.set(name, { name, kind, referenced, referencing, lookup });
    return null;
  }

  /** Why `fields` cannot be written to `entity` (unknown or system column, wrong type), or null. */
  checkFields(entity, fields) {
    const meta = this.entities.get(entity);
    for (const [name, value] of Object.entries(fields)) {
      const attribute = meta.attributes.get(name);
      if (!attribute) {
        if (SYSTEM_COLUMNS.includes(name)) return `${entity}.${name} is a system column and cannot be written`;
        return `${entity} has no column ${JSON.stringify(name)}`;
      }
      const problem = checkValue(entity, attribute, value);
      if (problem) return problem;
    }
    return null;
  }

  /** The column used as a record's display name. */
  primaryName(entity) {
    const meta = this.entities.get(entity);
    return PRIMARY_NAME_CANDIDATES.find((name) => meta.attributes.has(name)) || 'id';
  }

  /** The ownership of an entity ("user", "business_unit" or "organization"). */
  ownership(entity) {
    return this.entities.get(entity).ownership;
  }
}

/** An activity record as Activity Pointer shows it. */
function pointerOf(activity) {
  const row = {};
  for (const key of [...SYSTEM_COLUMNS, ...ACTIVITY_COLUMNS]) row[key] = key in activity ? activity[key] : null;
  return row;
}

module.exports = { Metadata, SYSTEM_COLUMNS, ACTIVITY_TYPES, MAX_TEXT_LENGTH, NUMBER_RANGE, checkValue, pointerOf };
