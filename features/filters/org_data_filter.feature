@needs:profiles @needs:entities @needs:organization
Feature: The organization data filter narrows what every profile downloads
  Besides the profile's rules, each offline entity has an organization-wide data filter. By default
  it keeps records modified in the last 10 days for entities owned by users or teams; entities
  owned by the organization or a business unit have none unless an administrator sets one. A
  record reaches a device only if it passes both the org data filter and the profile's rules.

  Background:
    Given an organization where "ana" is a salesperson
    And "bob" is another salesperson in the same business unit
    And "ana" and "bob" are on the team "North"
    And the custom entity "new_visit" exists
    And the custom entity "new_depot" exists, owned by the organization
    And "ana" may do everything to every entity
    And a profile "Field sales" for "ana"

  @claim:FLT-ORG2
  Rule: by default, records of user- or team-owned entities modified more than 10 days ago stay on the server

    Example: the 10-day boundary is inclusive, to the second
      Given in the profile account downloads all records
      And an account "Today" owned by "bob" last modified 0 days ago
      And an account "Ten days" owned by "bob" last modified 10 days ago
      And an account "Just over ten days" owned by "bob" last modified 10.00002 days ago
      And an account "Eleven days" owned by "bob" last modified 11 days ago
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records "Today", "Ten days"

    Scenario Outline: by default a <entity> record owned by "<owner>" and modified 20 days ago stays on the server
      Given in the profile <entity> downloads all records
      And a <entity> "Recent" owned by "<owner>" last modified 1 days ago
      And a <entity> "Old" owned by "<owner>" last modified 20 days ago
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the <entity> records "Recent"

      Examples:
        | entity      | owner |
        | account     | North |
        | contact     | bob   |
        | opportunity | North |
        | task        | bob   |
        | new_visit   | bob   |
        | new_visit   | North |

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

    Example: with the filter cleared, a rule on owners brings their records of any age
      Given in the profile account downloads my records
      And an account "Mine, last year" owned by "ana" last modified 365 days ago
      And an account "Bob's, last year" owned by "bob" last modified 365 days ago
      And the administrator clears the org data filter of account
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records "Mine, last year"

    Scenario Outline: a filter changed to <days> days between two syncs applies at the next sync
      Given in the profile account downloads all records
      And an account "Today" owned by "bob" last modified 0 days ago
      And an account "Six days" owned by "bob" last modified 6 days ago
      And an account "Eleven days" owned by "bob" last modified 11 days ago
      And the administrator has published the profile
      And "ana" has synced her device
      When the administrator sets the org data filter of account to the last <days> days
      Then "ana"'s device holds exactly the accounts "Today" and "Six days"
      And after syncing "ana"'s device holds exactly the account records <held>

      Examples:
        | days | held                                |
        | 30   | "Today", "Six days", "Eleven days"  |
        | 5    | "Today"                             |

    Example: a record must pass both the org data filter and the profile's rules
      Given in the profile account downloads my records
      And an account "Mine, recent" owned by "ana" last modified 1 days ago
      And an account "Mine, old" owned by "ana" last modified 20 days ago
      And an account "Bob's, recent" owned by "bob" last modified 1 days ago
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records "Mine, recent"

    Example: a record an association brings must pass the org data filter too
      Given in the profile account downloads my records
      And in the profile contact downloads only related data
      And in the profile account brings its related records through "contact_customer_accounts"
      And accounts "Litware" owned by "ana"
      And a contact "Recent" whose parentcustomerid is the account "Litware", owned by "bob", last modified 1 days ago
      And a contact "Old" whose parentcustomerid is the account "Litware", owned by "bob", last modified 20 days ago
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the contact records "Recent"

    Example: an org data filter on columns narrows the profile's rules and judges changed records by their new values
      Given in the profile account downloads all records
      And the administrator sets the org data filter of account to the conditions:
        | column        | operator      | value |
        | address1_city | eq            | Oslo  |
        | ownerid       | eq-businessid | empty |
      And an account "Fabrikam" in "Oslo" owned by "bob"
      And an account "Contoso" in "Bergen" owned by "bob"
      And an account "Litware" in "Oslo" owned by "ana"
      And the administrator has published the profile
      And "ana" has synced her device
      Then "ana"'s device holds exactly the accounts "Fabrikam" and "Litware"
      When the administrator moves the account "Fabrikam" to Bergen
      And the administrator moves the account "Contoso" to Oslo
      And the administrator sets the name of the account "Litware" to "Litware Nord"
      Then after syncing "ana"'s device holds exactly the account records "Contoso", "Litware"
      And "ana"'s device holds the account "Litware" with name "Litware Nord"

  @claim:FLT-ORG2 @needs:metadata
  Rule: a filter changed between two syncs applies at the next, whatever else the administrator changed meanwhile

    Example: the offline app modules changed too
      Given in the profile account downloads all records
      And an account "Today" owned by "bob" last modified 0 days ago
      And an account "Eleven days" owned by "bob" last modified 11 days ago
      And the administrator has published the profile
      And "ana" has synced her device
      And the offline app modules hold 4 entities
      When the administrator sets the org data filter of account to the last 30 days
      Then "ana"'s device holds exactly the accounts "Today"
      And after syncing "ana"'s device holds exactly the account records "Today", "Eleven days"

  @claim:FLT-ORG2
  Rule: organization- and business-unit-owned entities have no default filter, unless one is set

    Scenario Outline: a <entity> record modified 30 days ago comes down: <entity> is owned by <ownership>
      Given in the profile <entity> downloads all records
      And a <entity> "Old" owned by "bob" last modified 30 days ago
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the <entity> records "Old"

      Examples:
        | entity     | ownership        |
        | product    | the organization |
        | competitor | the organization |
        | new_depot  | the organization |
        | position   | a business unit  |
        | team       | a business unit  |

    Example: an administrator can set a filter on an organization-owned entity
      Given in the profile product downloads all records
      And a product "Last month" owned by "bob" last modified 20 days ago
      And a product "Last quarter" owned by "bob" last modified 80 days ago
      And the administrator sets the org data filter of product to the last 30 days
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the product records "Last month"

  @claim:FLT-ORG1
  Rule: an entity used across profiles should have an org data filter rule

    Scenario Outline: a shared <entity>, owned by <ownership>, with no org data filter earns a warning
      Given another profile "Service" for "bob" where <entity> downloads all records is published
      And in the profile <entity> downloads all records
      When the administrator publishes the profile
      Then the profile is published with a warning naming <entity>

      Examples:
        | entity    | ownership        |
        | product   | the organization |
        | new_depot | the organization |
        | position  | a business unit  |
        | team      | a business unit  |

    Scenario Outline: a shared <entity>, owned by users and teams, has the default filter and earns no warning
      Given another profile "Service" for "bob" where <entity> downloads all records is published
      And in the profile <entity> downloads all records
      When the administrator publishes the profile
      Then the profile is published without a warning naming <entity>

      Examples:
        | entity    |
        | account   |
        | contact   |
        | new_visit |

    Example: setting a filter on a shared organization-owned entity stops the warning
      Given another profile "Service" for "bob" where product downloads all records is published
      And the administrator sets the org data filter of product to the last 30 days
      And in the profile product downloads all records
      When the administrator publishes the profile
      Then the profile is published without a warning naming product

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

    Example: an entity that only another profile takes earns no warning when this one is published
      Given another profile "Service" for "bob" where product downloads all records is published
      And in the profile account downloads all records
      When the administrator publishes the profile
      Then the profile is published without a warning naming product

    Example: publishing the same profile again does not count as sharing its entities
      Given in the profile product downloads all records
      And the administrator has published the profile
      When the administrator publishes the profile
      Then the profile is published without a warning naming product

  @claim:FLT-ORG2 @needs:schedule
  Rule: on a later cycle, a record that changed since the last is judged by the same inclusive 10-day boundary

    Example: a record imported between two scheduled cycles, exactly 10 days old at the second, comes down with it
      Given in the profile account downloads all records
      And in the profile account syncs every 5 minutes
      And the administrator has published the profile
      And "ana" has synced her device
      And an account "Ten days at the next cycle" owned by "bob" last modified 10 days less 300 seconds ago
      And an account "Just over ten days at the next cycle" owned by "bob" last modified 10 days less 299 seconds ago
      When 5 minutes pass
      Then 1 sync cycle ran for "ana" in that time
      And "ana"'s device holds exactly the accounts "Ten days at the next cycle"

  @claim:FLT-ORG2
  Rule: an org data filter counting days on another date column admits by that column, not by the modified-on date

    Example: an org data filter on the last 30 days of contact keeps old records recently contacted
      Given in the profile account downloads all records
      And the administrator sets the org data filter of account to the conditions:
        | column        | operator    | value |
        | lastcontacted | last-x-days | 30    |
      And an account "Called last week, unchanged since" owned by "bob" last modified 60 days ago, whose lastcontacted was 7 days ago
      And an account "Called last year, changed today" owned by "bob" last modified 0 days ago, whose lastcontacted was 365 days ago
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records "Called last week, unchanged since"
