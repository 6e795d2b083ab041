@needs:sync
@beyond-page @claim:REL-CONFLICT
Feature: Conflict detection is a setting
  When the device and the server both changed a record, what happens depends on conflict
  detection. Off, as it is by default, the columns the device changed overwrite the server's and
  every other column keeps the server's value. On, a device change to a record the server changed
  since the device last saw it (the administrator, or another user through her device) is rejected
  as a conflict and the server's record wins, for a delete as for an update. The device's own
  earlier changes, and server changes it has already downloaded, are no conflict.

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

    Scenario: A delete of a record the server changed meanwhile goes through
      Given "ana" has run delete on the account "Fabrikam"
      And the administrator changes the phone of the account "Fabrikam" to "+47 555 0100"
      When "ana" comes back online and syncs
      Then the server holds no account named "Fabrikam"
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

    Scenario: A delete of a record the server changed meanwhile is rejected as a conflict, and the record comes back
      Given "ana" has run delete on the account "Fabrikam"
      And the administrator changes the phone of the account "Fabrikam" to "+47 555 0100"
      When "ana" comes back online and syncs
      Then "ana" sees a conflict error for the delete of the account "Fabrikam"
      And the server shows the phone "+47 555 0100" on the account "Fabrikam"
      And "ana"'s device holds the same account records as the server

    Scenario: A change synced from another user's device is a conflict too
      Given the users:
        | user | business unit | manager |
        | bob  | Head office   |         |
      And "bob" may do everything to every entity
      And the offline profile for "ana" and "bob":
        | entity  | records |
        | account | all     |
      And "bob" has synced her device and gone offline
      And "bob" has renamed the account "Fabrikam" to "Fabrikam Group"
      And "bob" comes back online and syncs
      And "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
      When "ana" comes back online and syncs
      Then "ana" sees a conflict error for the update of the account "Fabrikam"
      And the server shows the account "Fabrikam" named "Fabrikam Group"
      And "ana"'s device holds the same account records as the server

    Scenario: A change made after the device saw the server's change is no conflict
      Given "ana" goes back online
      And the administrator changes the phone of the account "Fabrikam" to "+47 555 0100"
      And "ana" syncs
      And "ana" goes offline
      And "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
      When "ana" comes back online and syncs
      Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
      And the server shows the phone "+47 555 0100" on the account "Fabrikam"
      And "ana" sees no sync errors

    Scenario: A record created and then changed offline is no conflict with itself
      Given "ana" has created an account "Contoso"
      And "ana" has renamed the account "Contoso" to "Contoso Ltd"
      When "ana" comes back online and syncs
      Then the server shows the account "Contoso" named "Contoso Ltd"
      And "ana" sees no sync errors

    Scenario: A change to a record nobody else changed goes through
      Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
      When "ana" comes back online and syncs
      Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
      And "ana" sees no sync errors

    Scenario: A delete of a record nobody else changed goes through
      Given "ana" has run delete on the account "Fabrikam"
      When "ana" comes back online and syncs
      Then the server holds no account named "Fabrikam"
      And "ana"'s device holds no accounts
      And "ana" sees no sync errors

    Scenario: The device's own earlier change is not a conflict for its next one
      Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
      And "ana" has renamed the account "Fabrikam" to "Fabrikam Group"
      When "ana" comes back online and syncs
      Then the server shows the account "Fabrikam" named "Fabrikam Group"
      And "ana" sees no sync errors
