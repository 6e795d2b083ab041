@needs:security
@claim:SEC-1
Feature: Privilege changes reach the device at the next sync
  The device enforces the privileges it received at its last sync. A privilege the administrator
  takes away or grants on the server changes nothing on the device until its next sync; from
  then on the device enforces the new privileges.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may read, write and create account records at user level
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And an account "Fabrikam" on the server owned by "ana"

  Rule: Until the next sync the device enforces the privileges it had

    Scenario: A write privilege taken away still lets the user edit offline before the next sync
      Given "ana" has synced her device and gone offline
      When the administrator takes away "ana"'s right to write account records
      And "ana" renames the account "Fabrikam" to "Fabrikam Ltd"
      Then the command succeeds on the device
      And 1 change waits to sync on "ana"'s device

    Scenario: A delete privilege granted does not let the user delete offline before the next sync
      Given "ana" has synced her device and gone offline
      When the administrator lets "ana" delete account records at user level
      And "ana" runs delete on the account "Fabrikam"
      Then the command is refused naming account and delete
      And nothing waits to sync on "ana"'s device

  Rule: After the next sync the device enforces the new privileges

    Scenario: A write privilege taken away stops offline edits after the next sync
      Given "ana" has synced her device
      When the administrator takes away "ana"'s right to write account records
      And "ana" syncs
      And "ana" goes offline
      And "ana" renames the account "Fabrikam" to "Fabrikam Ltd"
      Then the command is refused naming account and update
      And nothing waits to sync on "ana"'s device
      And "ana"'s device shows the account "Fabrikam" named "Fabrikam"

    Scenario: A delete privilege granted lets the user delete offline after the next sync
      Given "ana" has synced her device
      When the administrator lets "ana" delete account records at user level
      And "ana" syncs
      And "ana" goes offline
      And "ana" runs delete on the account "Fabrikam"
      Then the command succeeds on the device
      And 1 change waits to sync on "ana"'s device

    Scenario: A create privilege taken away stops offline creation after the next sync
      Given "ana" has synced her device
      When the administrator takes away "ana"'s right to create account records
      And "ana" syncs
      And "ana" goes offline
      And "ana" runs create on the account "new"
      Then the command is refused naming account and create
      And nothing waits to sync on "ana"'s device
