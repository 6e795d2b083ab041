@needs:entities
@claim:CAP-CE
Feature: A custom entity's command bar works offline
  Offline, the command bar of a custom entity's record offers edit, mark complete, refresh, convert
  to opportunity and delete, and each of them works on the device and reaches the server at the next
  sync. Commands outside that list stay off the bar.

  Background:
    Given an organization where "ana" is a salesperson
    And the custom entity "new_inspection" exists
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile
    And a new_inspection record "Boiler" on the server owned by "ana"
    And "ana" has synced her device and gone offline

  Scenario Outline: Offline, <command> is on the bar, works on the device and reaches the server
    Then the command bar of the new_inspection "Boiler" for "ana" shows "<command>"
    When "ana" runs <command> on the new_inspection "Boiler"
    Then the command succeeds on the device
    And 1 changes wait to sync on "ana"'s device
    When "ana" comes back online and syncs
    Then nothing waits to sync on "ana"'s device
    And the server shows the effect of <command> on the new_inspection "Boiler"

    Examples:
      | command                |
      | update                 |
      | mark_complete          |
      | convert_to_opportunity |
      | delete                 |

  Scenario: Offline, refresh is on the bar and reads the record from the device
    Then the command bar of the new_inspection "Boiler" for "ana" shows "refresh"
    When "ana" runs refresh on the new_inspection "Boiler"
    Then the command succeeds on the device
    And nothing waits to sync on "ana"'s device
    And the server shows the effect of refresh on the new_inspection "Boiler"

  Scenario Outline: Offline, <command> is not on the bar
    Then the command bar of the new_inspection "Boiler" for "ana" does not show "<command>"

    Examples:
      | command    |
      | assign     |
      | share      |
      | qualify    |
      | deactivate |
