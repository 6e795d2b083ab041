@needs:schedule @needs:security
@beyond-page @claim:REL-CONV
Feature: After a clean cycle the device holds exactly what the user may see
  Once nothing waits to sync and a cycle completes without a fault, the device holds exactly the
  server's records that pass the profile's rules, the organization data filter and the user's read
  privileges, each with the server's values, secured columns excepted.

  Background:
    Given the business units:
      | business unit | parent      |
      | Head office   |             |
      | South         | Head office |
    And the users:
      | user | business unit | manager |
      | ana  | Head office   |         |
      | sam  | South         |         |
    And "ana" may read, write, create and delete account records at business unit level
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And the accounts on the server:
      | account  | owner |
      | Fabrikam | ana   |
      | Contoso  | ana   |
      | Sam Ltd  | sam   |
    And an account "Old Mill" owned by "ana" last modified 30 days ago

  Scenario: A first sync brings exactly the readable, recent accounts with the server's values
    When "ana" syncs
    Then "ana"'s device holds exactly the accounts "Fabrikam" and "Contoso"
    And every account on "ana"'s device has the server's values

  Scenario: Offline and server changes converge to the server's records
    Given "ana" has synced her device and gone offline
    And "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And "ana" has created an account "Northwind"
    And "ana" has run delete on the account "Contoso"
    And the administrator changes the phone of the account "Fabrikam" to "+47 555 0100"
    And an account "Litware" on the server owned by "ana"
    When "ana" comes back online and syncs
    Then "ana"'s device holds exactly the accounts "Fabrikam Ltd", "Northwind" and "Litware"
    And every account on "ana"'s device has the server's values

  Scenario: A server change to a record the device already holds replaces the device's copy
    Given "ana" has synced her device
    And the administrator changes the phone of the account "Contoso" to "+47 555 0199"
    When "ana" syncs
    Then every account on "ana"'s device has the server's values

  Scenario: A record that stops passing the organization data filter leaves the device
    Given "ana" has synced her device and gone offline
    When 11 days pass
    And the administrator changes the phone of the account "Contoso" to "+47 555 0199"
    And "ana" comes back online and syncs
    Then "ana"'s device holds exactly the accounts "Contoso"

  Scenario: A second clean sync changes nothing on the device
    Given "ana" has synced her device
    When "ana" syncs
    Then the sync downloads 0 records
    And the sync removed 0 records
    And "ana"'s device holds exactly the accounts "Fabrikam" and "Contoso"
    And every account on "ana"'s device has the server's values

  Scenario: Secured columns aside, the device holds the server's values
    Given an account "Rich Ltd" on the server owned by "ana" with revenue 250000
    And the account column "revenue" is secured
    When "ana" syncs
    Then "ana"'s device holds exactly the accounts "Fabrikam", "Contoso" and "Rich Ltd"
    And every account on "ana"'s device has the server's values but its secured revenue

