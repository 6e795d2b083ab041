@needs:security @needs:organization
@claim:SEC-3
Feature: Changes to hierarchy security, teams and shares reach the device at the next sync
  What a user may read changes not only with her roles: hierarchy security turned on, deepened,
  narrowed or off changes whose records she reads; joining a team while the server's records change
  must bring both; an activity shared with her is hers to read as that activity and in her list of
  all activities. Each reaches her device at the next sync, and not before.

  Background:
    Given the business units:
      | business unit | parent      |
      | Head office   |             |
      | North         | Head office |
      | North-East    | North       |
      | Coast         | North-East  |
    And the users:
      | user | business unit | manager |
      | ana  | North         |         |
      | bob  | North         | ana     |
      | nora | North-East    | bob     |
      | cy   | Coast         | nora    |
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And the accounts on the server:
      | account  | owner |
      | Ana Ltd  | ana   |
      | Bob Ltd  | bob   |
      | Nora Ltd | nora  |
      | Cy Ltd   | cy    |
    And "ana" may read account records at user level

  @needs:hierarchy
  Rule: A change of hierarchy security reaches the manager's device at the next sync

    Scenario: Hierarchy security turned on brings her report's records with the next sync
      Given "ana" has synced her device
      When the administrator turns hierarchy security on 1 levels down
      Then "ana"'s device holds exactly the accounts "Ana Ltd"
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "Bob Ltd"

    Scenario Outline: Hierarchy security from <before> to <after> levels down changes whose records she holds at the next sync
      Given hierarchy security reaches <before> levels down
      And "ana" has synced her device
      Then "ana"'s device holds exactly the accounts <held before>
      When the administrator turns hierarchy security on <after> levels down
      Then "ana"'s device holds exactly the accounts <held before>
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts <held after>

      Examples:
        | before | after | held before                                   | held after                                    |
        | 1      | 3     | "Ana Ltd" and "Bob Ltd"                       | "Ana Ltd", "Bob Ltd", "Nora Ltd" and "Cy Ltd" |
        | 3      | 1     | "Ana Ltd", "Bob Ltd", "Nora Ltd" and "Cy Ltd" | "Ana Ltd" and "Bob Ltd"                       |

    Scenario: Hierarchy security turned off takes her reports' records off with the next sync
      Given hierarchy security reaches 3 levels down
      And "ana" has synced her device
      When the administrator turns hierarchy security off
      Then "ana"'s device holds exactly the accounts "Ana Ltd", "Bob Ltd", "Nora Ltd" and "Cy Ltd"
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd"

  Rule: Records the server changed arrive and leave together with a change of her teams

    Scenario: An account created for her and a team she joins, in the same interval, both arrive with the next sync
      Given the team "North sales" in "North" with "bob"
      And the accounts on the server:
        | account   | owner       |
        | Team deal | North sales |
      And "ana" has synced her device
      When the administrator creates an account "New Ltd" owned by "ana"
      And the administrator adds "ana" to the team "North sales"
      Then "ana"'s device holds exactly the accounts "Ana Ltd"
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd", "New Ltd" and "Team deal"

  @needs:sharing
  Rule: An activity shared with her arrives as itself and in her list of activities, and leaves both when unshared

    Scenario Outline: A <activity> shared with her between two syncs arrives as a <activity> and as an activity
      Given the offline profile for "ana":
        | entity          | records |
        | account         | all     |
        | <activity>      | all     |
        | activitypointer | all     |
      And "ana" may read <activity> records at user level
      And "ana" may read activitypointer records at user level
      And a <activity> record "Cy's call" on the server owned by "cy"
      And "ana" has synced her device
      Then "ana"'s device holds 0 <activity> records
      And "ana"'s device holds 0 activitypointer records
      When the administrator shares the <activity> "Cy's call" with "ana" for reading
      Then after syncing "ana"'s device holds exactly the <activity> records "Cy's call"
      And "ana"'s device holds exactly the activitypointer records "Cy's call"
      When the administrator stops sharing the <activity> "Cy's call" with "ana"
      Then after syncing "ana"'s device holds 0 <activity> records
      And "ana"'s device holds 0 activitypointer records

      Examples:
        | activity    |
        | task        |
        | phonecall   |
        | appointment |

  @needs:entities
  Rule: Records a filter ties to her teams through a column other than the owner follow her teams at the next sync

    Scenario: Accounts whose support team is one of hers arrive when she joins the team and leave when she leaves it
      Given the administrator adds to account a lookup "new_supportteam" to team
      And the team "North sales" in "North" with "bob"
      And the new_supportteam of the account "Bob Ltd" is the team "North sales"
      And "ana" may read account records at organization level
      And a profile "field sales" for "ana"
      And in the profile account downloads records where new_supportteam eq-userteams
      And the administrator has published the profile
      And "ana" has synced her device
      Then "ana"'s device holds no accounts
      When the administrator adds "ana" to the team "North sales"
      Then "ana"'s device holds no accounts
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Bob Ltd"
      When the administrator removes "ana" from the team "North sales"
      And "ana" syncs
      Then "ana"'s device holds no accounts

  @needs:timeline
  Rule: A wider or narrower read privilege on notes brings or takes notes at the next sync

    Scenario: Notes read at business unit level bring a colleague's note with the next sync, and user level takes it off again
      Given "ana" may read and create annotation records at user level
      And "bob" may read account records at organization level
      And "bob" may read and create annotation records at user level
      And "bob" has added the note "Bob's visit report" to the account "Ana Ltd"
      And "ana" has synced her device
      Then "ana"'s device does not hold the note "Bob's visit report"
      When the administrator lets "ana" read annotation records at business unit level
      Then "ana"'s device does not hold the note "Bob's visit report"
      When "ana" syncs
      Then "ana"'s device holds the note "Bob's visit report"
      When the administrator lets "ana" read annotation records at user level
      And "ana" syncs
      Then "ana"'s device does not hold the note "Bob's visit report"
