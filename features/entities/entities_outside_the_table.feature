@claim:ENT-22
Feature: Entities outside the table cannot be taken offline
  Only the entities of the page's table (and custom entities) can be made available offline. A
  profile that names any other entity is refused as a whole: the profile the user had before stays in
  force, and the entity's records never reach a device. Offline, no command runs on such an entity.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile

  Scenario Outline: A profile naming <entity> is refused, and the profile before it stays in force
    Given a account record "Fabrikam" on the server owned by "ana"
    And a contact record "Dana" on the server owned by "ana"
    And a <entity> record "offer" on the server owned by "ana"
    And "ana" has synced her device
    When the administrator publishes a profile for "ana" with account and <entity>
    Then publishing is refused naming <entity>
    And each error of the refusal states the limit it enforces
    And after "ana" syncs her device holds no <entity> records
    And "ana"'s device still holds the contact "Dana" as the server does
    And "ana"'s device still holds the account "Fabrikam" as the server does

    Examples:
      | entity     |
      | quote      |
      | invoice    |
      | salesorder |
      | campaign   |
      | fax        |
      | letter     |

  Scenario Outline: Offline, creating a <entity> is refused, and no <entity> is made then or later
    Given a <entity> record "offer" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    When "ana" runs create on the <entity> "new offer"
    Then the command is refused naming <entity> and create
    And the refusal states its limit
    And nothing waits to sync on "ana"'s device
    When "ana" comes back online and syncs
    Then the server holds only the <entity> "offer"
    And after "ana" syncs her device holds no <entity> records

    Examples:
      | entity                     |
      | quote                      |
      | invoice                    |
      | salesorder                 |
      | campaign                   |
      | fax                        |
      | letter                     |
      | serviceappointment         |
      | campaignresponse           |
      | campaignactivity           |
      | recurringappointmentmaster |
      | socialactivity             |
