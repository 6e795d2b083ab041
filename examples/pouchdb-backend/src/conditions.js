'use strict';
/** Filter conditions: the operators that exist and whether a condition is well formed on an entity.
 * (Whether a record meets a condition is decided in one place: the scope filter, `scope_filter.js`.) */

const { SYSTEM_COLUMNS } = require('./metadata');

const NO_VALUE = new Set(['null', 'not-null', 'eq-userid', 'eq-userteams', 'eq-businessid']);
const OPERATORS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'begins-with', 'in', 'last-x-days', ...NO_VALUE]);

/** Why `condition` is not a valid filter on records of `meta`, or null. */
function problem(meta, condition) {
  const where = `${meta.name}: condition on ${JSON.stringify(condition.field)}`;
  if (!OPERATORS.has(condition.operator)) {
    return `${where}: unknown operator ${JSON.stringify(condition.operator)} (known: ${[...OPERATORS].sort().join(', ')})`;
  }
  if (!meta.attributes.has(condition.field) && !SYSTEM_COLUMNS.includes(condition.field)) {
    return `${where}: ${meta.name} has no such column`;
  }
  const value = condition.value === undefined ? null : condition.value;
  if (NO_VALUE.has(condition.operator) && value !== null) return `${where}: ${condition.operator} takes no value`;
  if (condition.operator === 'in' && !Array.isArray(value)) return `${where}: in needs a list of values`;
  if (condition.operator === 'last-x-days' && !(Number.isInteger(value) && value >= 0)) {
    return `${where}: last-x-days needs a whole number of days, not ${JSON.stringify(value)}`;
  }
  return null;
}

module.exports = { problem, OPERATORS };
