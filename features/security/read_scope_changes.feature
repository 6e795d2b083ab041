@needs:security @needs:organization @needs:sharing
@claim:SEC-3
Feature: Changes to what a user may read reach the device at the next sync
  When the administrator widens what a user may read, the records newly readable arrive at her
  next sync; when he narrows it, the records she may no longer read leave her device at the next
  sync. Until then the device keeps what it had.

  Background:
    Given the business units:
      | business unit | parent      |
      | Head office   |             |
      | North         | Head office |
      | South         | Head office |
    And the users:
      | user | business unit | manager |
      | ana  | North         |         |
      | bob  | North         |         |
      | sam  | South         |         |
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And the accounts on the server:
      | account | owner |
      | Ana Ltd | ana   |
      | Bob Ltd | bob   |
      | Sam Ltd | sam   |

  Rule: Newly readable records arrive at the next sync

    Scenario: A record shared after the sync arrives with the next one
      Given "ana" may read account records at user level
      And "ana" has synced her device
      When the administrator shares the account "Sam Ltd" with "ana" for reading
      Then "ana"'s device holds exactly the accounts "Ana Ltd"
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "Sam Ltd"

    Scenario: A wider read depth brings more records with the next sync
      Given "ana" may read account records at user level
      And "ana" has synced her device
      When the administrator lets "ana" read account records at business unit level
      Then "ana"'s device holds exactly the accounts "Ana Ltd"
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "Bob Ltd"

    Scenario: Joining a team brings the team's records with the next sync
      Given "ana" may read account records at user level
      And the team "North sales" in "North" with "bob"
      And the accounts on the server:
        | account   | owner       |
        | Team deal | North sales |
      And "ana" has synced her device
      When the administrator adds "ana" to the team "North sales"
      Then "ana"'s device holds exactly the accounts "Ana Ltd"
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "Team deal"

  Rule: Records no longer readable leave the device at the next sync

    Scenario: A share taken back removes the record with the next sync
      Given "ana" may read account records at user level
      And the account "Sam Ltd" is shared with "ana" for reading
      And "ana" has synced her device
      When the administrator stops sharing the account "Sam Ltd" with "ana"
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "Sam Ltd"
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd"

    Scenario: A narrower read depth removes records with the next sync
      Given "ana" may read account records at business unit level
      And "ana" has synced her device
      When the administrator lets "ana" read account records at user level
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "Bob Ltd"
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd"

    Scenario: Leaving a team removes the team's records with the next sync
      Given "ana" may read account records at user level
      And the team "North sales" in "North" with "ana" and "bob"
      And the accounts on the server:
        | account   | owner       |
        | Team deal | North sales |
      And "ana" has synced her device
      When the administrator removes "ana" from the team "North sales"
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "Team deal"
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd"

    Scenario: Losing the read privilege empties the device with the next sync
      Given "ana" may read account records at organization level
      And "ana" has synced her device
      When the administrator takes away "ana"'s right to read account records
      Then "ana"'s device holds exactly the accounts "Ana Ltd", "Bob Ltd" and "Sam Ltd"
      When "ana" syncs
      Then "ana"'s device holds no accounts

    Scenario: Losing the role that let her read removes its records with the next sync
      Given "ana" may read account records at organization level
      And "ana" has synced her device
      When the administrator takes her role away from "ana"
      Then "ana"'s device holds exactly the accounts "Ana Ltd", "Bob Ltd" and "Sam Ltd"
      When "ana" syncs
      Then "ana"'s device holds no accounts

    Scenario Outline: Losing the read privilege on <entity>, owned by <ownership>, takes its records off at the next sync
      Given the offline profile for "ana":
        | entity   | records |
        | account  | all     |
        | <entity> | all     |
      And a <entity> record "one" on the server owned by "sam"
      And "ana" may read account records at organization level
      And "ana" may read <entity> records at organization level
      And "ana" has synced her device
      When the administrator takes away "ana"'s right to read <entity> records
      Then "ana"'s device holds 1 <entity> records
      When "ana" syncs
      Then "ana"'s device holds 0 <entity> records
      And "ana"'s device holds exactly the accounts "Ana Ltd", "Bob Ltd" and "Sam Ltd"

      Examples:
        | entity   | ownership        |
        | product  | the organization |
        | position | a business unit  |

    Scenario: Records an association brought leave once they are no longer readable
      Given a profile "field sales" for "ana"
      And in the profile account downloads all records
      And in the profile contact downloads only related data
      And in the profile account brings its related records through "contact_customer_accounts"
      And the administrator has published the profile
      And "ana" may read account records at user level
      And "ana" may read contact records at user level
      And a contact "Reyes" whose parentcustomerid is the account "Ana Ltd", owned by "ana"
      And "ana" has synced her device
      When the administrator takes away "ana"'s right to read contact records
      Then "ana"'s device holds 1 contact records
      When "ana" syncs
      Then "ana"'s device holds 0 contact records

    Scenario: A share taken back removes a record an association brought, while what brought it stays
      Given a profile "field sales" for "ana"
      And in the profile account downloads all records
      And in the profile contact downloads only related data
      And in the profile account brings its related records through "contact_customer_accounts"
      And the administrator has published the profile
      And "ana" may read account records at user level
      And "ana" may read contact records at user level
      And a contact "Reyes" whose parentcustomerid is the account "Ana Ltd", owned by "sam"
      And a contact "Okafor" whose parentcustomerid is the account "Ana Ltd", owned by "ana"
      And the contact "Reyes" is shared with "ana" for reading
      And "ana" has synced her device
      Then "ana"'s device holds 2 contact records
      When the administrator stops sharing the contact "Reyes" with "ana"
      Then after syncing "ana"'s device holds exactly the contact records "Okafor"
      And "ana"'s device holds exactly the accounts "Ana Ltd"

  @needs:schedule
  Rule: The next cycle is the next sync, whichever entities it was due to download

    Scenario: A read privilege taken away reaches an entity that is not due at the next scheduled cycle
      Given the offline profile for "ana":
        | entity  | records | every      |
        | account | all     | 5 minutes  |
        | product | all     | 60 minutes |
      And a product "Pump X200" on the server
      And "ana" may read account records at user level
      And "ana" may read product records at user level
      And "ana" has synced her device
      Then "ana"'s device holds 1 product records
      When the administrator takes away "ana"'s right to read product records
      And 5 minutes pass
      Then 1 sync cycle ran for "ana" in that time
      And "ana"'s device holds 0 product records
      And "ana"'s device holds exactly the accounts "Ana Ltd"

    Scenario: A share given between two scheduled cycles arrives with the next one
      Given the offline profile for "ana":
        | entity  | records | every      |
        | account | all     | 60 minutes |
        | product | all     | 5 minutes  |
      And "ana" may read account records at user level
      And "ana" may read product records at user level
      And "ana" has synced her device
      When the administrator shares the account "Sam Ltd" with "ana" for reading
      And 5 minutes pass
      Then 1 sync cycle ran for "ana" in that time
      And "ana"'s device holds exactly the accounts "Ana Ltd" and "Sam Ltd"

  @needs:sync @needs:faults
  Rule: A record kept only for a pending change leaves once the change is uploaded

    Scenario: A record kept only for a change made during a sync leaves once the change is uploaded, even if the download drops
      Given "ana" may read and write account records at organization level
      And "ana" has synced her device
      And a sync of "ana"'s device is under way
      When "ana" renames the account "Bob Ltd" to "Bob & Co"
      And the administrator lets "ana" read account records at user level
      And the sync of "ana"'s device finishes
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "Bob & Co"
      When the administrator renames the account "Ana Ltd" to "Ana & Co"
      And the connection of "ana"'s device will drop during the download
      And "ana" syncs
      Then the sync stopped during the download
      And the server shows the account "Bob Ltd" named "Bob & Co"
      And "ana"'s device holds exactly the accounts "Ana Ltd"

  @needs:sync @needs:faults
  Rule: A change of what she may read that a dropped sync did not deliver reaches the device with the next one

    Scenario: A record shared before a sync whose download drops arrives with the next sync
      Given "ana" may read account records at user level
      And "ana" has synced her device
      When the administrator shares the account "Sam Ltd" with "ana" for reading
      And the connection of "ana"'s device will drop during the download
      And "ana" syncs
      Then the sync stopped during the download
      And "ana"'s device holds exactly the accounts "Ana Ltd"
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "Sam Ltd"

    Scenario: A share taken back before a sync whose download drops removes the record with the next sync
      Given "ana" may read account records at user level
      And the account "Sam Ltd" is shared with "ana" for reading
      And "ana" has synced her device
      When the administrator stops sharing the account "Sam Ltd" with "ana"
      And the connection of "ana"'s device will drop during the download
      And "ana" syncs
      Then the sync stopped during the download
      And "ana"'s device holds exactly the accounts "Ana Ltd" and "Sam Ltd"
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd"

    Scenario: Joining a team before a sync whose download drops brings the team's records with the next sync
      Given "ana" may read account records at user level
      And the team "North sales" in "North" with "bob"
      And the accounts on the server:
        | account   | owner       |
        | Team deal | North sales |
      And "ana" has synced her device
      When the administrator adds "ana" to the team "North sales"
      And the connection of "ana"'s device will drop during the download
      And "ana" syncs
      Then the sync stopped during the download
      And "ana"'s device holds exactly the accounts "Ana Ltd"
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "Team deal"

    Scenario: Leaving a team before a sync whose download drops removes the team's records with the next sync
      Given "ana" may read account records at user level
      And the team "North sales" in "North" with "ana" and "bob"
      And the accounts on the server:
        | account   | owner       |
        | Team deal | North sales |
      And "ana" has synced her device
      When the administrator removes "ana" from the team "North sales"
      And the connection of "ana"'s device will drop during the download
      And "ana" syncs
      Then the sync stopped during the download
      And "ana"'s device holds exactly the accounts "Ana Ltd" and "Team deal"
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd"
