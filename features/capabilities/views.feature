@needs:views
@claim:CAP-VW
Feature: Offline, only system views and quick views
  Online, a user picks from an entity's system views, its quick views and the personal views the user
  made. Offline, the system and quick views are still there and show the records on the device, but
  personal views are neither listed nor opened.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile
    And the account entity has a system view "Active accounts"
    And the account entity has a quick view "Account card"
    And "ana" has a personal view "Ana's big fish" of account
    And a account record "Fabrikam" on the server owned by "ana"
    And "ana" has synced her device

  Scenario: Online, system, quick and personal views can all be picked
    Then "ana" can pick exactly these views of account:
      | view            | kind     |
      | Account card    | quick    |
      | Active accounts | system   |
      | Ana's big fish  | personal |
    And the view "Ana's big fish" of account shows "Fabrikam" to "ana"

  Scenario: Offline, system and quick views are listed and show the records on the device
    When "ana" goes offline
    Then "ana" can pick exactly these views of account:
      | view            | kind   |
      | Account card    | quick  |
      | Active accounts | system |
    And the view "Active accounts" of account shows "Fabrikam" to "ana"
    And in the view "Account card" of account, "Fabrikam" shows "Fabrikam" to "ana"

  Scenario: Offline, a system view lists the records on the device, those made offline too
    When "ana" goes offline
    And "ana" creates a account "Harbour cafe" with:
      | name | Harbour cafe |
    Then the view "Active accounts" of account shows "Harbour cafe" to "ana"
    And the view "Active accounts" of account shows "Fabrikam" to "ana"

  Scenario: Offline, a personal view is neither listed nor opened; back online it is both again
    When "ana" goes offline
    Then "ana" cannot pick the view "Ana's big fish" of account
    When "ana" opens the view "Ana's big fish" of account
    Then it is refused saying "Ana's big fish"
    And the refusal concerns account
    And the refusal states its limit
    When "ana" goes back online
    Then "ana" can pick the view "Ana's big fish" of account
    And the view "Ana's big fish" of account shows "Fabrikam" to "ana"

  Scenario: Offline, a system view of an entity the profile leaves out is neither listed nor opened
    Given the quote entity has a system view "Open quotes"
    And "ana" can pick the view "Open quotes" of quote
    When "ana" goes offline
    Then "ana" cannot pick the view "Open quotes" of quote
    When "ana" opens the view "Open quotes" of quote
    Then it is refused naming quote

  @claim:REL-BAD
  Scenario: Listing the views of an entity that does not exist is refused naming it
    When "ana" lists the views of new_spaceship
    Then it is refused naming new_spaceship

  @claim:REL-BAD
  Scenario Outline: Opening a view of account that does not exist <where> is refused naming the entity
    When "ana" <goes>
    And "ana" opens the view "No such view" of account
    Then it is refused naming account

    Examples:
      | where   | goes                 |
      | online  | syncs                |
      | offline | goes offline         |
