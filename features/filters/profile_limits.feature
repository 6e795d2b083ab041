@needs:profiles @needs:organization @needs:entities
Feature: Hard limits of a profile: users and relationships
  A profile holds at most 2,000 users, its teams' members included, and a user belongs to one
  profile only. Each entity in it has at most 10 relationships, of which at most one is one-to-many
  or many-to-many, and the relationships never refer to an entity itself or go round in a circle.
  Publishing beyond a limit is refused and changes nothing.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And a profile "Field sales" for "ana"

  @claim:FLT-PU
  Rule: a profile holds at most 2,000 users, counting each member of its teams once

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
      Then publishing is refused for 2,001 users over the limit of 2,000 users per profile

    Example: adding one user to a full profile is refused and the profile keeps its users
      Given the organization has 2000 more salespeople
      And the profile is for "ana" and the 1999 other salespeople
      And in the profile account downloads my records
      And the administrator has published the profile
      And accounts "Ana's deal" owned by "ana"
      And accounts "Rep's deal" owned by "rep-2000"
      When the administrator adds "rep-2000" to the profile
      Then publishing is refused for 2,001 users over the limit of 2,000 users per profile
      And after syncing "rep-2000"'s device holds exactly the account records nobody
      And after syncing "ana"'s device holds exactly the account records "Ana's deal"

    Scenario Outline: users reaching the profile through teams count once each: <first team> and <second team>
      Given the organization has 2000 more salespeople
      And the team "Reps A" has the salespeople <first team>
      And the team "Reps B" has the salespeople <second team>
      And the profile is for "ana" and the teams "Reps A" and "Reps B"
      And in the profile account downloads my records
      When the administrator publishes the profile
      Then <outcome>

      Examples:
        | first team          | second team  | outcome                                                                          |
        | 1 to 1000           | 1001 to 1999 | the profile is published                                                         |
        | 1 to 1000           | 1001 to 2000 | publishing is refused for 2,001 users over the limit of 2,000 users per profile |
        | 1 to 1200           | 1000 to 1999 | the profile is published                                                         |
        | 1 to 1000 and "ana" | 1001 to 1999 | the profile is published                                                         |

  @claim:FLT-PU
  Rule: a user belongs to one offline profile

    Background:
      Given "bob" is another salesperson in the same business unit
      And "bob" may do everything to every entity
      And another profile "Service" for "ana" where contact downloads all records is published
      And in the profile account downloads all records
      And accounts "Fabrikam" owned by "ana"
      And contacts "Reyes" owned by "ana"

    Example: naming a user who is already in another profile is refused, and her profile stays
      When the administrator publishes the profile
      Then publishing is refused because "ana" is already in the profile "Service"
      And after syncing "ana"'s device holds exactly the contact records "Reyes"
      And after syncing "ana"'s device holds exactly the account records nobody

    Example: a user who comes in through a team is warned about and keeps the profile she was in first
      Given "ana" and "bob" are on the team "North"
      And the profile is for the team "North"
      When the administrator publishes the profile
      Then the profile is published with a warning that "ana" stays in the profile "Service"
      And after syncing "ana"'s device holds exactly the contact records "Reyes"
      And after syncing "ana"'s device holds exactly the account records nobody
      And after syncing "bob"'s device holds exactly the account records "Fabrikam"

  @claim:FLT-PU
  Rule: a user whom two profiles reach only through teams keeps the one published first

    Example: she keeps the first profile's entities, and her teammate gets the second profile
      Given "bob" is another salesperson in the same business unit
      And "bob" may do everything to every entity
      And the team "Service desk" in "Head office" with "ana"
      And "ana" and "bob" are on the team "North"
      And another profile "Service" for the team "Service desk" where contact downloads all records is published
      And in the profile account downloads all records
      And the profile is for the team "North"
      And accounts "Fabrikam" owned by "ana"
      And contacts "Reyes" owned by "ana"
      When the administrator publishes the profile
      Then the profile is published with a warning that "ana" stays in the profile "Service"
      And after syncing "ana"'s device holds exactly the contact records "Reyes"
      And after syncing "ana"'s device holds exactly the account records nobody
      And after syncing "bob"'s device holds exactly the account records "Fabrikam"

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

    Example: an eleventh relationship to an entity already related is refused too
      Given the custom entity "new_visit" looks up 12 other entities
      And the custom entity "new_visit" also looks up account through "new_visit_second_account"
      And in the profile new_visit downloads my records
      And in the profile new_visit brings the first 10 entities it looks up
      And in the profile new_visit brings its related records through "new_visit_second_account"
      When the administrator publishes the profile
      Then publishing is refused naming new_visit

    Example: the limit holds per entity: two entities with ten relationships each publish
      Given the custom entity "new_visit" looks up 12 other entities
      And the custom entity "new_call" looks up 12 other entities
      And in the profile new_visit downloads my records
      And in the profile new_call downloads my records
      And in the profile new_visit brings the first 10 entities it looks up
      And in the profile new_call brings the first 10 entities it looks up
      When the administrator publishes the profile
      Then the profile is published

  @claim:FLT-REL2
  Rule: of those, at most one is one-to-many or many-to-many, seen from the entity that brings the records

    Background:
      Given in the profile account downloads my records
      And in the profile contact downloads my records
      And in the profile opportunity downloads my records
      And in the profile competitor downloads all records
      And in the profile competitoraddress downloads all records
      And in the profile product downloads all records

    Scenario Outline: <entity> bringing records through <first> and <second>: <outcome>
      Given in the profile <entity> brings its related records through "<first>"
      And in the profile <entity> brings its related records through "<second>"
      When the administrator publishes the profile
      Then <outcome>

      Examples: one of them fans out
        | entity     | first                     | second                        | outcome                  |
        | account    | contact_customer_accounts | account_primary_contact       | the profile is published |
        | account    | account_competitors       | account_primary_contact       | the profile is published |

      Examples: both fan out
        | entity     | first                     | second                        | outcome                                  |
        | account    | contact_customer_accounts | opportunity_customer_accounts | publishing is refused naming account     |
        | account    | contact_customer_accounts | account_competitors           | publishing is refused naming account     |
        | competitor | competitor_products       | account_competitors           | publishing is refused naming competitor  |
        | competitor | competitor_products       | competitor_addresses          | publishing is refused naming competitor  |

    Example: the refusal of a second one-to-many relationship gives the limit it enforces
      Given in the profile account brings its related records through "contact_customer_accounts"
      And in the profile account brings its related records through "opportunity_customer_accounts"
      When the administrator publishes the profile
      Then publishing is refused naming account
      And the refusal gives the limit "1 one-to-many or many-to-many per entity"

  @claim:FLT-REL3
  Rule: no self-references and no circular references, whatever the kind of relationship

    Example: a relationship of an entity to itself is refused
      Given in the profile account downloads my records
      And in the profile account brings its related records through "account_parent_account"
      When the administrator publishes the profile
      Then publishing is refused naming account
      And each error of the refusal states the limit it enforces

    Example: a many-to-many relationship of an entity to itself is refused
      Given the many-to-many relationship "account_partners" links account with account
      And in the profile account downloads my records
      And in the profile account brings its related records through "account_partners"
      When the administrator publishes the profile
      Then publishing is refused naming account
      And each error of the refusal states the limit it enforces

    Example: two entities bringing each other are refused
      Given in the profile account downloads my records
      And in the profile contact downloads my records
      And in the profile account brings its related records through "contact_customer_accounts"
      And in the profile contact brings its related records through "contact_customer_accounts"
      When the administrator publishes the profile
      Then publishing is refused naming account
      And each error of the refusal states the limit it enforces

    Example: two entities bringing each other through a many-to-many are refused
      Given in the profile account downloads my records
      And in the profile competitor downloads all records
      And in the profile account brings its related records through "account_competitors"
      And in the profile competitor brings its related records through "account_competitors"
      When the administrator publishes the profile
      Then publishing is refused naming account
      And each error of the refusal states the limit it enforces

    Example: a longer circle is refused too
      Given in the profile account downloads my records
      And in the profile contact downloads my records
      And in the profile opportunity downloads my records
      And in the profile account brings its related records through "opportunity_customer_accounts"
      And in the profile opportunity brings its related records through "opportunity_parent_contact"
      And in the profile contact brings its related records through "contact_customer_accounts"
      When the administrator publishes the profile
      Then publishing is refused naming account
      And each error of the refusal states the limit it enforces

    Example: a longer circle through a many-to-many is refused too
      Given in the profile account downloads my records
      And in the profile contact downloads my records
      And in the profile lead downloads my records
      And in the profile opportunity downloads my records
      And in the profile account brings its related records through "contact_customer_accounts"
      And in the profile contact brings its related records through "contact_leads"
      And in the profile lead brings its related records through "opportunity_originating_lead"
      And in the profile opportunity brings its related records through "opportunity_customer_accounts"
      When the administrator publishes the profile
      Then publishing is refused naming account
      And each error of the refusal states the limit it enforces

    Example: a chain that does not come back publishes
      Given in the profile account downloads my records
      And in the profile contact downloads my records
      And in the profile opportunity downloads my records
      And in the profile account brings its related records through "opportunity_customer_accounts"
      And in the profile opportunity brings its related records through "opportunity_parent_contact"
      When the administrator publishes the profile
      Then the profile is published
