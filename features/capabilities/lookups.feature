@needs:lookups
@claim:CAP-LK
Feature: Lookups work offline between offline-enabled entities
  Offline, a lookup can point at a record the device holds, of an entity the user's profile takes
  offline, and it leads to that record on the device. A lookup to an entity the profile leaves out
  cannot be set offline, and publishing such a profile says which lookup will not work offline.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And a account record "Fabrikam" on the server owned by "ana"
    And a contact record "Dana" on the server owned by "ana"

  Scenario: Offline, a lookup set to a record on the device leads to it and reaches the server
    Given "ana"'s offline profile holds only account and contact
    And "ana" has synced her device and gone offline
    When "ana" sets the parentcustomerid of the contact "Dana" to the account "Fabrikam"
    Then the command succeeds on the device
    And on "ana"'s device the parentcustomerid of the contact "Dana" leads to the account "Fabrikam"
    When "ana" comes back online and syncs
    Then on the server the parentcustomerid of the contact "Dana" is the account "Fabrikam"

  Scenario: Offline, a lookup synced from the server leads to its record on the device
    Given "ana"'s offline profile holds only account and contact
    And the parentcustomerid of the contact "Dana" on the server is the account "Fabrikam"
    And "ana" has synced her device and gone offline
    Then on "ana"'s device the parentcustomerid of the contact "Dana" leads to the account "Fabrikam"

  Scenario: Offline, a lookup to an entity the profile leaves out is refused
    Given "ana"'s offline profile holds only contact
    And "ana" has synced her device and gone offline
    When "ana" sets the parentcustomerid of the contact "Dana" to the account "Fabrikam"
    Then it is refused naming account
    And nothing waits to sync on "ana"'s device
    And "ana"'s device still holds the contact "Dana" as the server does

  Scenario: Offline, a lookup to a record that is not on the device is refused
    Given "ana"'s offline profile holds only account and contact
    And "ana" has synced her device
    And a account record "Northwind" on the server owned by "ana"
    When "ana" goes offline
    And "ana" sets the parentcustomerid of the contact "Dana" to the account "Northwind"
    Then it is refused naming account
    And nothing waits to sync on "ana"'s device

  Scenario: Publishing a profile that leaves out a lookup's target says the lookup is unavailable offline
    When the administrator publishes a profile for "ana" holding only contact
    Then publishing warns that the parentcustomerid lookup of contact is unavailable offline

  Scenario: Publishing a profile that holds both ends of a lookup says nothing about it
    When the administrator publishes a profile for "ana" holding only account and contact
    Then publishing does not warn about the parentcustomerid lookup of contact
