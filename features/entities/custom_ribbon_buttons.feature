@needs:entities
@claim:RIB-01
Feature: Custom ribbon buttons are not available offline
  A custom button added to a record's command bar works online only, on the form of a standard entity
  as on a custom entity's. Offline it is not on the command bar, and invoking it anyway is refused with
  nothing queued. Back online, the button is there again and works.

  Background:
    Given an organization where "ana" is a salesperson
    And the custom entity "new_inspection" exists
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile

  Scenario Outline: Online, the custom button of the <entity> form is on the command bar and works
    Given the <entity> form has a custom ribbon button "Send to ERP"
    And a <entity> record "Fabrikam" on the server owned by "ana"
    And "ana" has synced her device
    Then the command bar of the <entity> "Fabrikam" for "ana" shows "Send to ERP"
    And "ana" can press "Send to ERP" on the <entity> "Fabrikam"

    Examples:
      | entity         |
      | account        |
      | new_inspection |

  Scenario Outline: Offline, the custom button of the <entity> form is off the command bar and pressing it is refused
    Given the <entity> form has a custom ribbon button "Send to ERP"
    And a <entity> record "Fabrikam" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    Then the command bar of the <entity> "Fabrikam" for "ana" does not show "Send to ERP"
    But the command bar of the <entity> "Fabrikam" for "ana" shows "update"
    When "ana" presses "Send to ERP" on the <entity> "Fabrikam"
    Then the button press is refused naming "Send to ERP"
    And the refusal concerns <entity>
    And nothing waits to sync on "ana"'s device
    And "ana"'s device still holds the <entity> "Fabrikam" as the server does
    When "ana" goes back online
    Then the command bar of the <entity> "Fabrikam" for "ana" shows "Send to ERP"
    And "ana" can press "Send to ERP" on the <entity> "Fabrikam"

    Examples:
      | entity         |
      | account        |
      | new_inspection |
