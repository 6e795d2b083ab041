@needs:security @needs:organization @needs:sharing @needs:timeline
@claim:SEC-3
Feature: A note shared with the user between two syncs reaches her device at the next
  A note the user may not read stays off her device even on a record she holds. Once a colleague's
  note is shared with her for reading, it is hers to read: it reaches her device at the next sync,
  though neither the note nor its record changed, and not before.

  Background:
    Given the business units:
      | business unit | parent      |
      | Head office   |             |
      | North         | Head office |
    And the users:
      | user | business unit | manager |
      | ana  | North         |         |
      | bob  | North         |         |
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And the accounts on the server:
      | account | owner |
      | Ana Ltd | ana   |
    And "ana" may read account records at user level

  Rule: a note shared for reading arrives with the next sync, on a record the device already holds

    Scenario: Bob's note on Ana's account, shared with her between two syncs, arrives with the next sync
      Given "ana" may read and create annotation records at user level
      And "bob" may read account records at organization level
      And "bob" may read and create annotation records at user level
      And "bob" has added the note "Bob's visit report" to the account "Ana Ltd"
      And "ana" has synced her device
      Then "ana"'s device holds exactly the accounts "Ana Ltd"
      And "ana"'s device does not hold the note "Bob's visit report"
      When the administrator shares the annotation "Bob's visit report" with "ana" for reading
      Then "ana"'s device does not hold the note "Bob's visit report"
      When "ana" syncs
      Then "ana"'s device holds the note "Bob's visit report"
