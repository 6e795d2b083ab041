@needs:sync
@beyond-page @claim:REL-CONFLICT
Feature: Conflict detection is a setting
  When the device and the server both changed a record, what happens depends on conflict
  detection. Off, as it is by default, the columns the device changed overwrite the server's and
  every other column keeps the server's value. On, a device change to a record the server changed
  since the device last saw it is rejected as a conflict and the server's record wins.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And an account "Fabrikam" on the server owned by "ana"
    And "ana" has synced her device and gone offline

  Rule: Off by default: the device's changed columns win, the rest keep the server's values

    Scenario: Different columns changed on each side are merged
      Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
      And the administrator changes the phone of the account "Fabrikam" to "+47 555 0100"
      When "ana" comes back online and syncs
      Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
      And the server shows the phone "+47 555 0100" on the account "Fabrikam"
      And "ana"'s device holds the same account records as the server
      And "ana" sees no sync errors

    Scenario: The same column changed on both sides takes the device's value
      Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
      And the administrator renames the account "Fabrikam" to "Fabrikam Group"
      When "ana" comes back online and syncs
      Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
      And "ana" sees no sync errors

  Rule: On: a change to a record the server changed meanwhile is a conflict, and the server wins

    Background:
      Given conflict detection is on

    Scenario: A change to a record the server changed meanwhile is rejected as a conflict
      Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
      And the administrator changes the phone of the account "Fabrikam" to "+47 555 0100"
      When "ana" comes back online and syncs
      Then "ana" sees a conflict error for the update of the account "Fabrikam"
      And the server shows the account "Fabrikam" named "Fabrikam"
      And the server shows the phone "+47 555 0100" on the account "Fabrikam"
      And "ana"'s device holds the same account records as the server

    Scenario: A change to a record nobody else changed goes through
      Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
      When "ana" comes back online and syncs
      Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
      And "ana" sees no sync errors

    Scenario: The device's own earlier change is not a conflict for its next one
      Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
      And "ana" has renamed the account "Fabrikam" to "Fabrikam Group"
      When "ana" comes back online and syncs
      Then the server shows the account "Fabrikam" named "Fabrikam Group"
      And "ana" sees no sync errors
