@needs:profiles
Feature: Hard limits of a profile: users and relationships
  A profile holds at most 2,000 users. Each entity in it has at most 10 relationships, of which at
  most one is one-to-many or many-to-many, and the relationships never refer to an entity itself
  or go round in a circle. Publishing beyond a limit is refused and changes nothing.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And a profile "Field sales" for "ana"

  @claim:FLT-PU
  Rule: a profile holds at most 2,000 users

    Example: exactly 2,000 users publish
      Given the organization has 1999 more salespeople
      And the profile is for "ana" and the 1999 other salespeople
      And in the profile account downloads my records
      When the administrator publishes the profile
      Then the profile is published

    Example: a 2,001st user is refused
      Given the organization has 2000 more salespeople
      And the profile is for "ana" and the 2000 other salespeople
      And in the profile account downloads my records
      When the administrator publishes the profile
      Then publishing is refused for too many users
      And the refusal gives the limit "2,000 users per profile"

    Example: adding one user to a full profile is refused and the profile keeps its users
      Given the organization has 2000 more salespeople
      And the profile is for "ana" and the 1999 other salespeople
      And in the profile account downloads my records
      And the administrator has published the profile
      And accounts "Rep's deal" owned by "rep-2000"
      When the administrator adds "rep-2000" to the profile
      Then publishing is refused for too many users
      And after syncing "rep-2000"'s device holds exactly the account records nobody

  @needs:entities
  @claim:FLT-REL1
  Rule: an entity has at most 10 relationships in a profile

    Example: ten relationships publish
      Given the custom entity "new_visit" looks up 12 other entities
      And in the profile new_visit downloads my records
      And in the profile new_visit brings the first 10 entities it looks up
      When the administrator publishes the profile
      Then the profile is published

    Example: an eleventh relationship is refused
      Given the custom entity "new_visit" looks up 12 other entities
      And in the profile new_visit downloads my records
      And in the profile new_visit brings the first 11 entities it looks up
      When the administrator publishes the profile
      Then publishing is refused naming new_visit
      And the refusal gives the limit "10 relationships per entity"

  @claim:FLT-REL2
  Rule: of those, at most one is one-to-many or many-to-many

    Example: one one-to-many among many-to-one relationships publishes
      Given in the profile account downloads my records
      And in the profile contact downloads only related data
      And in the profile opportunity downloads my records
      And in the profile account brings its related records through "contact_customer_accounts"
      And in the profile opportunity brings its related records through "opportunity_customer_accounts"
      When the administrator publishes the profile
      Then the profile is published

    Example: a second one-to-many is refused
      Given in the profile account downloads my records
      And in the profile contact downloads only related data
      And in the profile opportunity downloads only related data
      And in the profile account brings its related records through "contact_customer_accounts"
      And in the profile account brings its related records through "opportunity_customer_accounts"
      When the administrator publishes the profile
      Then publishing is refused naming account

    Example: a many-to-many next to a one-to-many is refused
      Given in the profile account downloads my records
      And in the profile contact downloads only related data
      And in the profile competitor downloads only related data
      And in the profile account brings its related records through "contact_customer_accounts"
      And in the profile account brings its related records through "account_competitors"
      When the administrator publishes the profile
      Then publishing is refused naming account

  @claim:FLT-REL3
  Rule: no self-references and no circular references

    Example: a relationship of an entity to itself is refused
      Given in the profile account downloads my records
      And in the profile account brings its related records through "account_parent_account"
      When the administrator publishes the profile
      Then publishing is refused naming account

    Example: two entities bringing each other are refused
      Given in the profile account downloads my records
      And in the profile contact downloads my records
      And in the profile account brings its related records through "contact_customer_accounts"
      And in the profile contact brings its related records through "contact_customer_accounts"
      When the administrator publishes the profile
      Then publishing is refused naming account

    Example: a longer circle is refused too
      Given in the profile account downloads my records
      And in the profile contact downloads my records
      And in the profile opportunity downloads my records
      And in the profile account brings its related records through "opportunity_customer_accounts"
      And in the profile opportunity brings its related records through "opportunity_parent_contact"
      And in the profile contact brings its related records through "contact_customer_accounts"
      When the administrator publishes the profile
      Then publishing is refused naming account

    Example: a chain that does not come back publishes
      Given in the profile account downloads my records
      And in the profile contact downloads my records
      And in the profile opportunity downloads my records
      And in the profile account brings its related records through "opportunity_customer_accounts"
      And in the profile opportunity brings its related records through "opportunity_parent_contact"
      When the administrator publishes the profile
      Then the profile is published
