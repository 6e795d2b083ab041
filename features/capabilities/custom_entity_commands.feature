@needs:entities
@claim:CAP-CE
Feature: A custom entity's command bar works offline
  Offline, the command bar of a custom entity's record offers edit, mark complete, refresh, convert
  to opportunity and delete, whoever owns the entity's records, and each of them works on the device
  at once and reaches the server at the next sync. Commands outside that list stay off the bar.

  Background:
    Given an organization where "ana" is a salesperson
    And the custom entity "new_inspection" exists
    And the custom entity "cr4f2_site" exists, owned by the organization
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile

  Scenario Outline: Offline, <command> is on the bar of a <entity>, works on the device and reaches the server
    Given a <entity> record "Boiler" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    Then the command bar of the <entity> "Boiler" for "ana" shows "<command>"
    When "ana" runs <command> on the <entity> "Boiler"
    Then the command succeeds on the device
    And "ana"'s device shows the effect of <command> on the <entity> "Boiler"
    And 1 change waits to sync on "ana"'s device
    When "ana" comes back online and syncs
    Then nothing waits to sync on "ana"'s device
    And the server shows the effect of <command> on the <entity> "Boiler"

    Examples:
      | entity         | command                |
      | new_inspection | update                 |
      | new_inspection | mark_complete          |
      | new_inspection | convert_to_opportunity |
      | new_inspection | delete                 |
      | cr4f2_site     | update                 |
      | cr4f2_site     | mark_complete          |
      | cr4f2_site     | convert_to_opportunity |
      | cr4f2_site     | delete                 |

  Scenario Outline: Offline, refresh is on the bar of a <entity> and reads the record from the device
    Given a <entity> record "Boiler" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    Then the command bar of the <entity> "Boiler" for "ana" shows "refresh"
    When "ana" runs refresh on the <entity> "Boiler"
    Then the command succeeds on the device
    And "ana"'s device shows the effect of refresh on the <entity> "Boiler"
    And nothing waits to sync on "ana"'s device

    Examples:
      | entity         |
      | new_inspection |
      | cr4f2_site     |

  Scenario Outline: Offline, <command> is not on the bar of a custom entity's record
    Given a new_inspection record "Boiler" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    Then the command bar of the new_inspection "Boiler" for "ana" does not show "<command>"

    Examples:
      | command    |
      | assign     |
      | share      |
      | qualify    |
      | deactivate |
