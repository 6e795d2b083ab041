@needs:views
@claim:LIM-VW2
Feature: A view that reaches an entity outside the profile is not available offline
  A view may show columns of a related record, such as an account view showing its primary contact's
  name. Offline, such a view works only when the related entity is offline too: otherwise it is neither
  listed nor opened, while the entity's other views keep working. Online, it works either way.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And the account entity has a system view "Active accounts"
    And the account entity has a system view "Accounts and contacts" that shows the lastname of the contact in primarycontactid
    And a account record "Fabrikam" on the server owned by "ana"
    And a contact record "Dana" on the server owned by "ana"
    And the primarycontactid of the account "Fabrikam" on the server is the contact "Dana"

  Scenario: With the contact in the profile, the view works offline and shows the contact's name
    Given "ana"'s offline profile holds only account and contact
    And "ana" has synced her device and gone offline
    Then "ana" can pick the view "Accounts and contacts" of account
    And in the view "Accounts and contacts" of account, "Fabrikam" shows "Reyes" to "ana"

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

  Scenario: Online, the view works even though the contact is not in the profile
    Given "ana"'s offline profile holds only account
    And "ana" has synced her device
    Then "ana" can pick the view "Accounts and contacts" of account
    And in the view "Accounts and contacts" of account, "Fabrikam" shows "Reyes" to "ana"
