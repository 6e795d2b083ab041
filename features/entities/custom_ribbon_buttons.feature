@needs:entities
@claim:RIB-01
Feature: Custom ribbon buttons are not available offline
  A custom button added to a record's command bar works online only. Offline it is not on the
  command bar, and invoking it anyway is refused with nothing queued.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile
    And the account form has a custom ribbon button "Send to ERP"
    And a account record "Fabrikam" on the server owned by "ana"
    And "ana" has synced her device

  Scenario: Online, the custom button is on the command bar and works
    Then the command bar of the account "Fabrikam" for "ana" shows "Send to ERP"
    And "ana" can press "Send to ERP" on the account "Fabrikam"

  Scenario: Offline, the custom button is absent from the command bar
    When "ana" goes offline
    Then the command bar of the account "Fabrikam" for "ana" does not show "Send to ERP"
    But the command bar of the account "Fabrikam" for "ana" shows "update"

  Scenario: Offline, pressing the custom button anyway is refused
    When "ana" goes offline
    And "ana" presses "Send to ERP" on the account "Fabrikam"
    Then the button press is refused naming "Send to ERP"
    And nothing waits to sync on "ana"'s device
