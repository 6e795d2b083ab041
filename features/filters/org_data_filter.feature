@needs:profiles
Feature: The organization data filter narrows what every profile downloads
  Besides the profile's rules, each offline entity has an organization-wide data filter. By default
  it keeps records modified in the last 10 days for entities owned by users or teams; entities
  owned by the organization or a business unit have none unless an administrator sets one. A
  record reaches a device only if it passes both the org data filter and the profile's rules.

  Background:
    Given an organization where "ana" is a salesperson
    And "bob" is another salesperson in the same business unit
    And "ana" may do everything to every entity
    And a profile "Field sales" for "ana"

  @claim:FLT-ORG2
  Rule: by default, user-owned records modified more than 10 days ago stay on the server

    Example: the 10-day boundary is inclusive, to the second
      Given in the profile account downloads all records
      And an account "Today" owned by "bob" last modified 0 days ago
      And an account "Ten days" owned by "bob" last modified 10 days ago
      And an account "Just over ten days" owned by "bob" last modified 10.00002 days ago
      And an account "Eleven days" owned by "bob" last modified 11 days ago
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records "Today", "Ten days"

    Example: organization-owned records have no default filter
      Given in the profile product downloads all records
      And a product "Pump X200" owned by "bob" last modified 30 days ago
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the product records "Pump X200"

    Example: an administrator can widen the filter
      Given in the profile account downloads all records
      And an account "Eleven days" owned by "bob" last modified 11 days ago
      And the administrator sets the org data filter of account to the last 30 days
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records "Eleven days"

    Example: an administrator can clear the filter
      Given in the profile account downloads all records
      And an account "Last year" owned by "bob" last modified 365 days ago
      And the administrator clears the org data filter of account
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records "Last year"

    Example: a record must pass both the org data filter and the profile's rules
      Given in the profile account downloads my records
      And an account "Mine, recent" owned by "ana" last modified 1 days ago
      And an account "Mine, old" owned by "ana" last modified 20 days ago
      And an account "Bob's, recent" owned by "bob" last modified 1 days ago
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records "Mine, recent"

  @claim:FLT-ORG1
  Rule: an entity used across profiles should have an org data filter rule

    Example: an entity shared by two profiles with no org data filter earns a warning
      Given another profile "Service" for "bob" where product downloads all records is published
      And in the profile product downloads all records
      When the administrator publishes the profile
      Then the profile is published with a warning naming product

    Example: an entity shared by two profiles with an org data filter earns none
      Given another profile "Service" for "bob" where account downloads all records is published
      And in the profile account downloads all records
      When the administrator publishes the profile
      Then the profile is published without a warning naming account

    Example: clearing the filter of a shared entity brings the warning back
      Given another profile "Service" for "bob" where account downloads all records is published
      And the administrator clears the org data filter of account
      And in the profile account downloads all records
      When the administrator publishes the profile
      Then the profile is published with a warning naming account

    Example: an entity in one profile only earns no warning
      Given in the profile product downloads all records
      When the administrator publishes the profile
      Then the profile is published without a warning naming product
