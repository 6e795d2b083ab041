@needs:faults
@beyond-page @claim:REL-IDEM
Feature: A replayed upload applies nothing twice and loses nothing
  The device numbers each queued change. The server remembers the last number it applied from
  each device in the same step as the change itself. When an upload is replayed, because the
  connection dropped before the device heard back, the server skips what it already applied and
  applies the rest, in order.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And an account "Fabrikam" on the server owned by "ana"
    And "ana" has synced her device and gone offline

  Scenario: Queued changes are numbered in the order they were made
    When "ana" renames the account "Fabrikam" to "Fabrikam Ltd"
    And "ana" creates an account "Contoso"
    And "ana" runs delete on the account "Contoso"
    Then the changes waiting on "ana"'s device are numbered one after the other
    And the changes waiting on "ana"'s device are, in order:
      | action | entity  | record   | name         |
      | update | account | Fabrikam | Fabrikam Ltd |
      | create | account | Contoso  | Contoso      |
      | delete | account | Contoso  | empty        |

  Scenario: Numbering goes on after a sync, so a later change is not taken for a replay
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And "ana" comes back online and syncs
    And "ana" goes offline
    And "ana" has renamed the account "Fabrikam" to "Fabrikam Group"
    When "ana" comes back online and syncs
    Then the server shows the account "Fabrikam" named "Fabrikam Group"
    And "ana" sees no sync errors

  Scenario: Each device counts on its own: one device's numbers never hide another's changes
    Given the users:
      | user | business unit | manager |
      | bob  | Head office   |         |
    And "bob" may do everything to every entity
    And the offline profile for "ana" and "bob":
      | entity  | records |
      | account | all     |
    And an account "Contoso" on the server owned by "bob"
    And "bob" has synced her device and gone offline
    And "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And "bob" has renamed the account "Contoso" to "Contoso Ltd"
    When "ana" comes back online and syncs
    And "bob" comes back online and syncs
    Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
    And the server shows the account "Contoso" named "Contoso Ltd"
    And "bob" sees no sync errors

  Scenario: A create the server applied before the connection dropped is not applied again
    Given "ana" has created an account "Contoso"
    And "ana" goes back online
    And the connection of "ana"'s device will drop after the server applies a change
    And "ana" syncs
    When "ana" syncs
    Then the sync completes
    And the server holds exactly one account named "Contoso"
    And "ana" sees no sync errors
    And nothing waits to sync on "ana"'s device

  Scenario: A delete the server applied before the connection dropped is not reported as missing
    Given "ana" has run delete on the account "Fabrikam"
    And "ana" goes back online
    And the connection of "ana"'s device will drop after the server applies a change
    And "ana" syncs
    When "ana" syncs
    Then the server holds no account named "Fabrikam"
    And "ana" sees no sync errors

  Scenario: A replayed change does not overwrite a later change on the server
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And "ana" goes back online
    And the connection of "ana"'s device will drop after the server applies a change
    And "ana" syncs
    When the administrator renames the account "Fabrikam" to "Fabrikam Group"
    And "ana" syncs
    Then the server shows the account "Fabrikam" named "Fabrikam Group"
    And "ana"'s device holds the same account records as the server

  Scenario: The changes after the one applied before the drop are applied on the replay, in order
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And "ana" has created an account "Contoso"
    And "ana" has renamed the account "Fabrikam" to "Fabrikam Group"
    And "ana" goes back online
    And the connection of "ana"'s device will drop after the server applies a change
    And "ana" syncs
    When "ana" syncs
    Then the server shows the account "Fabrikam" named "Fabrikam Group"
    And the server holds exactly one account named "Contoso"
    And "ana" sees no sync errors
    And nothing waits to sync on "ana"'s device
