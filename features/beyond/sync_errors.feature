@needs:sync
@beyond-page @claim:REL-ERR
Feature: A rejected change becomes a sync error the user can see and retry
  Whatever the reason the server rejects an offline change (a conflict, a record that no longer
  exists, a missing privilege), the user sees a sync error saying when it happened, which record,
  which action, what kind of error and why. The change's local effect is undone, so the device
  matches the server again, and the user can retry the change once the cause is gone.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may read, write, create and delete account records at user level
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And an account "Fabrikam" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    And "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"

  Scenario Outline: A change rejected as <type> is shown, undone on the device, and kept for a retry
    Given <cause>
    When "ana" comes back online and syncs
    Then "ana" sees a <type> error for the update of the account "Fabrikam"
    And the sync error says when it happened and why
    And "ana"'s device holds the same account records as the server
    And nothing waits to sync on "ana"'s device

    Examples:
      | type      | cause                                                                  |
      | conflict  | conflict detection is on and the administrator changes the account "Fabrikam" |
      | not_found | the administrator deletes the account "Fabrikam"                      |
      | privilege | the administrator takes away "ana"'s right to write account records    |

  Scenario: A change that went through leaves no sync error
    When "ana" comes back online and syncs
    Then "ana" sees no sync errors
    And the server shows the account "Fabrikam" named "Fabrikam Ltd"

  Scenario: Once the cause is gone, retrying the change applies it
    Given the administrator takes away "ana"'s right to write account records
    And "ana" comes back online and syncs
    And the administrator lets "ana" write account records at user level
    When "ana" retries the sync error
    Then 1 change waits to sync on "ana"'s device
    And "ana"'s device shows the account "Fabrikam" named "Fabrikam Ltd"
    When "ana" syncs
    Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
    And "ana" sees no sync errors

  Scenario: Retrying a conflict makes the device's change win
    Given conflict detection is on and the administrator changes the account "Fabrikam"
    And "ana" comes back online and syncs
    When "ana" retries the sync error
    And "ana" syncs
    Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
    And "ana" sees no sync errors

  Scenario: A sync error that does not exist cannot be retried
    When "ana" retries a sync error that does not exist
    Then the retry is refused
    And 1 change waits to sync on "ana"'s device
