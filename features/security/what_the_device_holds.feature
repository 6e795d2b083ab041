@needs:security
@claim:SEC-4
Feature: The device holds only what the user may read
  What reaches a device is decided by the security model, as on the server: who owns a record (a
  user or a team), how deep the user's read privilege reaches in the business-unit tree, records
  shared with the user or with one of her teams, and, with hierarchy security, the records of the
  people below a manager down to the configured depth. A record the user may not read never
  reaches her device, whatever the profile asks for.

  Background:
    Given the business units:
      | business unit | parent      |
      | Head office   |             |
      | North         | Head office |
      | North-East    | North       |
      | South         | Head office |
    And the users:
      | user | business unit | manager |
      | hal  | Head office   |         |
      | ana  | North         | hal     |
      | bob  | North         | ana     |
      | nora | North-East    | bob     |
      | sam  | South         |         |
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And the accounts on the server:
      | account  | owner |
      | Hal Ltd  | hal   |
      | Ana Ltd  | ana   |
      | Bob Ltd  | bob   |
      | Nora Ltd | nora  |
      | Sam Ltd  | sam   |

  Rule: The depth of the read privilege decides whose records come down

    Scenario Outline: Reading accounts at <depth> level
      Given "ana" may read account records at <depth> level
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts <held>

      Examples:
        | depth                      | held                                                  |
        | user                       | "Ana Ltd"                                             |
        | business unit              | "Ana Ltd" and "Bob Ltd"                               |
        | parent-child business unit | "Ana Ltd", "Bob Ltd" and "Nora Ltd"                   |
        | organization               | "Hal Ltd", "Ana Ltd", "Bob Ltd", "Nora Ltd", "Sam Ltd" |

    Scenario: Without the read privilege no record comes down, even with a profile taking them all
      Given "ana" may create and write account records at organization level
      When "ana" syncs
      Then "ana"'s device holds no accounts

  @needs:organization
  Rule: A record owned by a team reaches the team's members

    Scenario: Team-owned records come down to members only
      Given the team "North sales" in "North" with "ana" and "bob"
      And the team "South sales" in "South" with "sam"
      And the accounts on the server:
        | account         | owner       |
        | North team deal | North sales |
        | South team deal | South sales |
      And "ana" may read account records at user level
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "North team deal"

  @needs:organization @needs:sharing
  Rule: Sharing opens a record to a user, or to the members of a team

    Scenario: A record shared with the user comes down
      Given "ana" may read account records at user level
      And the account "Sam Ltd" is shared with "ana" for reading
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "Sam Ltd"

    Scenario: A record shared with one of the user's teams comes down
      Given "ana" may read account records at user level
      And the team "North sales" in "North" with "ana" and "bob"
      And the account "Sam Ltd" is shared with "North sales" for reading
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "Sam Ltd"

    Scenario: A record shared with someone else does not come down
      Given "ana" may read account records at user level
      And the account "Sam Ltd" is shared with "bob" for reading
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd"

  @needs:hierarchy
  Rule: With hierarchy security a manager reads the records of the people below, to the configured depth

    Scenario Outline: Hierarchy security <depth> levels deep
      Given "ana" may read account records at user level
      And hierarchy security reaches <depth> levels down
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts <held>

      Examples:
        | depth | held                                |
        | 1     | "Ana Ltd" and "Bob Ltd"             |
        | 2     | "Ana Ltd", "Bob Ltd" and "Nora Ltd" |

    Scenario: Hierarchy security does not reach upwards
      Given "ana" may read account records at user level
      And hierarchy security reaches 3 levels down
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd", "Bob Ltd" and "Nora Ltd"

    Scenario: Without hierarchy security a manager reads only what her roles allow
      Given "ana" may read account records at user level
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd"
