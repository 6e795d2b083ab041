@needs:schedule
@claim:SYN-1
Feature: Sync runs on a schedule
  A device that is online syncs by itself: the data of each profile item comes down at that item's
  interval (five minutes unless the item says otherwise, a new interval setting the pace from the
  next cycle on), metadata comes with the first sync and then once a day. The schedule follows the
  simulated clock. An offline device does not sync, however often it goes offline; once it is back
  online, the overdue cycle runs straight away. The user can also sync on demand.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And an account "Fabrikam" on the server owned by "ana"
    And a product "Pump X200" on the server

  Rule: Data comes down at each profile item's interval, five minutes by default

    Scenario: With the default interval a cycle runs every five minutes
      Given the offline profile for "ana":
        | entity  | records |
        | account | all     |
      And "ana" has synced her device
      When 15 minutes pass
      Then 3 sync cycles ran for "ana" in that time
      And the cycles for "ana" in that time started 5 minutes apart

    Scenario: The shortest interval, one minute, is accepted and kept
      Given the offline profile for "ana":
        | entity  | records | every    |
        | account | all     | 1 minute |
      And "ana" has synced her device
      When 5 minutes pass
      Then 5 sync cycles ran for "ana" in that time
      And the cycles for "ana" in that time started 1 minute apart

    Scenario: A server change waits for the next scheduled cycle
      Given the offline profile for "ana":
        | entity  | records |
        | account | all     |
      And "ana" has synced her device
      When 1 minute passes
      And the administrator renames the account "Fabrikam" to "Fabrikam Ltd"
      And 3 minutes pass
      Then "ana"'s device shows the account "Fabrikam" named "Fabrikam"
      When 1 minute passes
      Then "ana"'s device shows the account "Fabrikam" named "Fabrikam Ltd"

    Scenario: An item with a longer interval comes down less often
      Given the offline profile for "ana":
        | entity  | records | every      |
        | account | all     | 5 minutes  |
        | product | all     | 60 minutes |
      And "ana" has synced her device
      When the administrator renames the account "Fabrikam" to "Fabrikam Ltd"
      And the administrator renames the product "Pump X200" to "Pump X300"
      And 5 minutes pass
      Then "ana"'s device shows the account "Fabrikam" named "Fabrikam Ltd"
      But "ana"'s device shows the product "Pump X200" named "Pump X200"
      When 50 minutes pass
      Then "ana"'s device shows the product "Pump X200" named "Pump X200"
      When 5 minutes pass
      Then "ana"'s device shows the product "Pump X200" named "Pump X300"

    Scenario: A profile published between two cycles reaches an item that is not due at the next cycle
      Given the offline profile for "ana":
        | entity  | records | every      |
        | account | all     | 5 minutes  |
        | product | all     | 60 minutes |
      And "ana" has synced her device
      Then "ana"'s device shows the product "Pump X200" named "Pump X200"
      When the administrator publishes the offline profile for "ana":
        | entity  | records                   | every      |
        | account | all                       | 5 minutes  |
        | product | where name is Pump X300   | 60 minutes |
      And 5 minutes pass
      Then 1 sync cycle ran for "ana" in that time
      And "ana"'s device holds 0 product records

    Scenario: A profile that adds an association between two cycles brings its records to an item that is not due
      Given a profile "field sales" for "ana"
      And in the profile account downloads all records
      And in the profile contact downloads my records
      And in the profile contact syncs every 60 minutes
      And the administrator has published the profile
      And "bob" is a salesperson too
      And a contact "Reyes" whose parentcustomerid is the account "Fabrikam", owned by "bob"
      And "ana" has synced her device
      And in the profile account brings its related records through "contact_customer_accounts"
      When the administrator publishes the profile
      Then "ana"'s device holds 0 contact records
      When 5 minutes pass
      Then 1 sync cycle ran for "ana" in that time
      And "ana"'s device holds 1 contact records

    Scenario: A new interval published between two cycles sets the pace from then on
      Given the offline profile for "ana":
        | entity  | records |
        | account | all     |
      And "ana" has synced her device
      And the offline profile for "ana":
        | entity  | records | every      |
        | account | all     | 60 minutes |
      When 2 hours pass
      Then 2 sync cycles ran for "ana" in that time
      And the cycles for "ana" in that time started 60 minutes apart

    Scenario: A user without an offline profile has no scheduled cycles
      Given the users:
        | user | business unit | manager |
        | bob  | Head office   |         |
      And the offline profile for "ana":
        | entity  | records |
        | account | all     |
      And "ana" has synced her device
      And "bob" has synced her device
      When 15 minutes pass
      Then no sync cycle ran for "bob" in that time
      But 3 sync cycles ran for "ana" in that time

  Rule: Metadata comes with the first sync and then once a day

    Scenario: Only the first cycle of each day downloads metadata
      Given the offline profile for "ana":
        | entity  | records |
        | account | all     |
      When "ana" syncs
      Then the sync downloads metadata
      When 23 hours pass
      Then none of the cycles in that time downloaded metadata
      When 1 hour passes
      Then 1 of the cycles in that time downloaded metadata
      When 23 hours pass
      Then none of the cycles in that time downloaded metadata
      When 1 hour passes
      Then 1 of the cycles in that time downloaded metadata

    Scenario: A profile whose items come down less than daily still refreshes metadata daily
      Given the offline profile for "ana":
        | entity  | records | every        |
        | account | all     | 2880 minutes |
      And "ana" has synced her device
      When 1 day passes
      Then 1 sync cycle ran for "ana" in that time
      And 1 of the cycles in that time downloaded metadata

  Rule: No sync while offline; back online, syncing resumes at once

    Background:
      Given the users:
        | user | business unit | manager |
        | bob  | Head office   |         |
      And "bob" may do everything to every entity
      And the offline profile for "ana" and "bob":
        | entity  | records |
        | account | all     |
      And "bob" has synced her device

    Scenario: An offline device runs no cycle while an online one keeps its pace, and cannot sync on demand
      Given "ana" has synced her device and gone offline
      When 30 minutes pass
      Then no sync cycle ran for "ana" in that time
      But 6 sync cycles ran for "bob" in that time
      When "ana" syncs
      Then the sync is refused because the device is offline

    Scenario: Back online, the overdue cycle runs straight away
      Given "ana" has synced her device and gone offline
      And 30 minutes pass
      And the administrator renames the account "Fabrikam" to "Fabrikam Ltd"
      When "ana" goes back online
      And 1 minute passes
      Then 1 sync cycle ran for "ana" in that time
      And "ana"'s device shows the account "Fabrikam" named "Fabrikam Ltd"

    Scenario: Offline a second time, the device again waits for its connection, then catches up at once
      Given "ana" has synced her device and gone offline
      And 30 minutes pass
      And "ana" goes back online
      And 1 minute passes
      And "ana" goes offline
      When 30 minutes pass
      Then no sync cycle ran for "ana" in that time
      When the administrator renames the account "Fabrikam" to "Fabrikam Ltd"
      And "ana" goes back online
      And 1 minute passes
      Then 1 sync cycle ran for "ana" in that time
      And "ana"'s device shows the account "Fabrikam" named "Fabrikam Ltd"

  Rule: Sync now runs a whole cycle at once

    Scenario: Sync now brings a server change without waiting for the schedule
      Given the offline profile for "ana":
        | entity  | records | every      |
        | account | all     | 60 minutes |
      And "ana" has synced her device
      And the administrator renames the account "Fabrikam" to "Fabrikam Ltd"
      When "ana" syncs
      Then the sync completes
      And "ana"'s device shows the account "Fabrikam" named "Fabrikam Ltd"

  @needs:profiles
  Rule: An administrator's change that leaves the user's profile as it was brings no item before it is due

    Scenario: An org data filter set on an entity outside the profile brings no item that is not due
      Given the offline profile for "ana":
        | entity  | records | every      |
        | account | all     | 5 minutes  |
        | product | all     | 60 minutes |
      And "ana" has synced her device
      When the administrator renames the product "Pump X200" to "Pump X300"
      And the administrator sets the org data filter of contact to the last 30 days
      And 5 minutes pass
      Then 1 sync cycle ran for "ana" in that time
      And "ana"'s device shows the product "Pump X200" named "Pump X200"
      When 55 minutes pass
      Then "ana"'s device shows the product "Pump X200" named "Pump X300"
