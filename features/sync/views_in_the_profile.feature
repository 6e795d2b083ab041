@needs:views
@claim:SYN-VW
Feature: Views meant for offline use reference only entities of the profile
  A tip for administrators: a view works offline only if every entity it reaches is in the user's
  offline profile. The device learns the profile at sync, so adding the missing entity to the profile
  and syncing is what makes the view available offline.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And the account entity has a system view "Accounts and contacts" that shows the lastname of the contact in primarycontactid
    And a account record "Fabrikam" on the server owned by "ana"
    And a contact record "Dana" on the server owned by "ana"
    And the primarycontactid of the account "Fabrikam" on the server is the contact "Dana"

  Scenario: Adding the referenced entity to the profile makes the view available offline after a sync
    Given "ana"'s offline profile holds only account
    And "ana" has synced her device and gone offline
    Then "ana" cannot pick the view "Accounts and contacts" of account
    When the administrator publishes a profile for "ana" holding only account and contact
    Then "ana" cannot pick the view "Accounts and contacts" of account
    When "ana" comes back online and syncs
    And "ana" goes offline
    Then "ana" can pick the view "Accounts and contacts" of account
    And in the view "Accounts and contacts" of account, "Fabrikam" shows "Reyes" to "ana"

  Scenario: Taking the referenced entity out of the profile takes the view away offline after a sync
    Given "ana"'s offline profile holds only account and contact
    And "ana" has synced her device and gone offline
    Then "ana" can pick the view "Accounts and contacts" of account
    When the administrator publishes a profile for "ana" holding only account
    Then "ana" can pick the view "Accounts and contacts" of account
    When "ana" comes back online and syncs
    And "ana" goes offline
    Then "ana" cannot pick the view "Accounts and contacts" of account

  Scenario Outline: A view reaching two other entities works offline only when both are in the profile: <profile>
    Given the opportunity entity has a system view "Deals" with the linked columns:
      | column   | of      | through         |
      | name     | account | customerid      |
      | lastname | contact | parentcontactid |
    And "ana"'s offline profile holds only <profile>
    And "ana" has synced her device and gone offline
    Then "ana" <verdict> pick the view "Deals" of opportunity

    Examples:
      | profile                          | verdict |
      | opportunity and account          | cannot  |
      | opportunity and contact          | cannot  |
      | opportunity, account and contact | can     |

