@claim:ENT-22
Feature: Entities outside the table cannot be taken offline
  Only the entities of the page's table (and custom entities) can be made available offline. A
  profile that names any other entity is refused as a whole, and the entity's records never reach a
  device.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile
    And an account "Fabrikam" on the server owned by "ana"

  Scenario Outline: A profile naming an entity outside the table is refused and changes nothing
    Given a <entity> record "offer" on the server owned by "ana"
    When the administrator publishes a profile for "ana" with account and <entity>
    Then publishing is refused naming <entity>
    And after "ana" syncs her device holds no <entity> records
    And "ana"'s device holds the same account records as the server

    Examples:
      | entity     |
      | quote      |
      | invoice    |
      | salesorder |
      | campaign   |
      | fax        |
      | letter     |

  Scenario Outline: Commands on an entity outside the table are refused offline
    Given "ana" has synced her device and gone offline
    When "ana" runs create on the <entity> "new offer"
    Then the command is refused naming <entity> and create
    And nothing waits to sync on "ana"'s device

    Examples:
      | entity   |
      | quote    |
      | campaign |
