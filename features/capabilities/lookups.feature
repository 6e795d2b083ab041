@needs:lookups
@claim:CAP-LK
Feature: Lookups work offline between offline-enabled entities
  Offline, a lookup can point at a record the device holds, of an entity the user's profile takes
  offline, and it leads to that record on the device; it can be cleared again, on a new record as on
  one synced before, and all of it reaches the server at the next sync. A lookup to an entity the
  profile leaves out, or to a record the device does not hold, cannot be set offline. Publishing a
  profile names every lookup that will not work offline, and no other.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And a account record "Fabrikam" on the server owned by "ana"
    And a contact record "Dana" on the server owned by "ana"

  Rule: Offline, a lookup between entities of the profile is set, followed and cleared on the device

    Background:
      Given "ana"'s offline profile holds only account and contact

    Scenario: Offline, a lookup set to a record on the device leads to it and reaches the server
      Given "ana" has synced her device and gone offline
      When "ana" sets the parentcustomerid of the contact "Dana" to the account "Fabrikam"
      Then the command succeeds on the device
      And on "ana"'s device the parentcustomerid of the contact "Dana" leads to the account "Fabrikam"
      When "ana" comes back online and syncs
      Then on the server the parentcustomerid of the contact "Dana" is the account "Fabrikam"

    Scenario: Offline, a lookup synced from the server leads to its record, and clearing it reaches the server
      Given the parentcustomerid of the contact "Dana" on the server is the account "Fabrikam"
      And "ana" has synced her device and gone offline
      Then on "ana"'s device the parentcustomerid of the contact "Dana" leads to the account "Fabrikam"
      When "ana" clears the parentcustomerid of the contact "Dana"
      Then the command succeeds on the device
      And on "ana"'s device the contact "Dana" has the parentcustomerid "empty"
      When "ana" comes back online and syncs
      Then on the server the contact "Dana" has the parentcustomerid "empty"

    Scenario: Offline, a new record can look up a record on the device
      Given "ana" has synced her device and gone offline
      When "ana" creates a contact "Sam" that looks up the account "Fabrikam" in parentcustomerid
      Then the command succeeds on the device
      And on "ana"'s device the parentcustomerid of the contact "Sam" leads to the account "Fabrikam"
      When "ana" comes back online and syncs
      Then on the server the parentcustomerid of the contact "Sam" is the account "Fabrikam"

    Scenario: Offline, a lookup can lead to a record made offline, before the server has it
      Given "ana" has synced her device and gone offline
      And "ana" has created an account "Harbour cafe"
      When "ana" sets the parentcustomerid of the contact "Dana" to the account "Harbour cafe"
      Then the command succeeds on the device
      And on "ana"'s device the parentcustomerid of the contact "Dana" leads to the account "Harbour cafe"
      When "ana" comes back online and syncs
      Then on the server the parentcustomerid of the contact "Dana" is the account "Harbour cafe"

    Scenario: Offline, a lookup to a record that is not on the device is refused, then and after the sync
      Given "ana" has synced her device
      And a account record "Northwind" on the server owned by "ana"
      When "ana" goes offline
      And "ana" sets the parentcustomerid of the contact "Dana" to the account "Northwind"
      Then it is refused naming account
      And the refusal states its limit
      And nothing waits to sync on "ana"'s device
      And "ana"'s device still holds the contact "Dana" as the server does
      When "ana" comes back online and syncs
      Then on the server the contact "Dana" has the parentcustomerid "empty"
      And "ana"'s device still holds the contact "Dana" as the server does

  Rule: Offline, a lookup to an entity the profile leaves out cannot be set

    Background:
      Given "ana"'s offline profile holds only contact

    Scenario: Offline, pointing a lookup at an entity the profile leaves out is refused
      Given "ana" has synced her device and gone offline
      When "ana" sets the parentcustomerid of the contact "Dana" to the account "Fabrikam"
      Then it is refused naming account
      And the refusal states its limit
      And nothing waits to sync on "ana"'s device
      And "ana"'s device still holds the contact "Dana" as the server does
      When "ana" comes back online and syncs
      Then on the server the contact "Dana" has the parentcustomerid "empty"
      And "ana"'s device still holds the contact "Dana" as the server does

    Scenario: Offline, a new record looking up an entity the profile leaves out is refused
      Given "ana" has synced her device and gone offline
      When "ana" creates a contact "Sam" that looks up the account "Fabrikam" in parentcustomerid
      Then it is refused naming account
      And nothing waits to sync on "ana"'s device
      And "ana"'s device holds only the contact "Dana"
      When "ana" comes back online and syncs
      Then the server holds only the contact "Dana"

  Rule: Publishing a profile names exactly the lookups that will not work offline

    Scenario Outline: A profile of <entities> leaves exactly <lookups> unavailable offline
      When the administrator publishes a profile for "ana" holding only <entities>
      Then publishing warns that exactly these lookups are unavailable offline: <lookups>

      Examples:
        | entities                         | lookups                                                                        |
        | contact                          | parentcustomerid of contact                                                    |
        | account                          | primarycontactid of account                                                    |
        | account, contact and opportunity | originatingleadid of opportunity                                               |
        | opportunity                      | customerid of opportunity, parentcontactid of opportunity and originatingleadid of opportunity |

    Scenario: A lookup whose two ends are in the profile is not named
      When the administrator publishes a profile for "ana" holding only account, contact and opportunity
      Then publishing warns that the originatingleadid lookup of opportunity is unavailable offline
      But publishing does not warn about the parentcustomerid lookup of contact
