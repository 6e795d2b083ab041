@needs:views
@claim:LIM-VW2
Feature: A view that reaches an entity outside the profile is not available offline
  A view may show columns of related records, such as an account view showing its primary contact's
  name, or an opportunity view showing both its customer and its contact. Offline, such a view works
  only when every related entity it reaches is offline too: otherwise it is neither listed nor opened,
  while the entity's other views keep working. Online, it works either way.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And a account record "Fabrikam" on the server owned by "ana"
    And a contact record "Dana" on the server owned by "ana"

  Rule: A view with one linked column works offline when its entity is in the profile

    Background:
      Given the account entity has a system view "Active accounts"
      And the account entity has a system view "Accounts and contacts" that shows the lastname of the contact in primarycontactid
      And the primarycontactid of the account "Fabrikam" on the server is the contact "Dana"

    Scenario: With the contact in the profile, the view works offline and shows the contact's name
      Given "ana"'s offline profile holds only account and contact
      And "ana" has synced her device and gone offline
      Then "ana" can pick the view "Accounts and contacts" of account
      And in the view "Accounts and contacts" of account, "Fabrikam" shows "Reyes" to "ana"

    Scenario: An account with no primary contact is still in the view offline, its contact column empty
      Given accounts "Contoso" owned by "ana"
      And "ana"'s offline profile holds only account and contact
      And "ana" has synced her device and gone offline
      Then in the view "Accounts and contacts" of account, "Contoso" does not show "Reyes" to "ana"
      But in the view "Accounts and contacts" of account, "Fabrikam" shows "Reyes" to "ana"

    Scenario: Without the contact in the profile, the view is not listed offline
      Given "ana"'s offline profile holds only account
      And "ana" has synced her device and gone offline
      Then "ana" cannot pick the view "Accounts and contacts" of account
      But "ana" can pick the view "Active accounts" of account

    Scenario: Without the contact in the profile, opening the view offline is refused
      Given "ana"'s offline profile holds only account
      And "ana" has synced her device and gone offline
      When "ana" opens the view "Accounts and contacts" of account
      Then it is refused saying "contact"
      And the refusal concerns account
      And the refusal states its limit

    Scenario: Online, the view works even though the contact is not in the profile
      Given "ana"'s offline profile holds only account
      And "ana" has synced her device
      Then "ana" can pick the view "Accounts and contacts" of account
      And in the view "Accounts and contacts" of account, "Fabrikam" shows "Reyes" to "ana"

  Rule: A view with several linked columns works offline only when every entity it links is in the profile

    Background:
      Given the opportunity entity has a system view "Open deals"
      And the opportunity entity has a system view "Deals and people" with the linked columns:
        | column   | of      | through         |
        | name     | account | customerid      |
        | lastname | contact | parentcontactid |
      And a opportunity record "Pump upgrade" on the server owned by "ana"
      And the customerid of the opportunity "Pump upgrade" on the server is the account "Fabrikam"
      And the parentcontactid of the opportunity "Pump upgrade" on the server is the contact "Dana"

    Scenario: With both linked entities in the profile, the view works offline and shows both
      Given "ana"'s offline profile holds only opportunity, account and contact
      And "ana" has synced her device and gone offline
      Then "ana" can pick the view "Deals and people" of opportunity
      And in the view "Deals and people" of opportunity, "Pump upgrade" shows "Fabrikam" to "ana"
      And in the view "Deals and people" of opportunity, "Pump upgrade" shows "Reyes" to "ana"

    Scenario Outline: With the profile holding <profile>, the view is neither listed nor opened offline
      Given "ana"'s offline profile holds only <profile>
      And "ana" has synced her device and gone offline
      Then "ana" cannot pick the view "Deals and people" of opportunity
      But "ana" can pick the view "Open deals" of opportunity
      When "ana" opens the view "Deals and people" of opportunity
      Then it is refused saying "<left out>"
      And the refusal concerns opportunity
      And the refusal states its limit
      When "ana" goes back online
      Then in the view "Deals and people" of opportunity, "Pump upgrade" shows "Reyes" to "ana"

      Examples:
        | profile                 | left out         |
        | opportunity and account | contact          |
        | opportunity and contact | account          |
        | opportunity             | account, contact |
