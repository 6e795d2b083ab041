@needs:metadata @needs:network
@claim:SYN-MD
Feature: The first metadata download grows with the entities of the offline app modules
  The first sync brings down the metadata of every entity in the app modules enabled for offline.
  Its cost is proportional to the number of those entities: an app module with fewer entities gets
  the device ready sooner.

  Background:
    Given an organization where "ana" is a salesperson
    And the users:
      | user | business unit | manager |
      | bob  | Head office   |         |
    And "ana" may do everything to every entity
    And "bob" may do everything to every entity
    And the offline profile for "ana" and "bob":
      | entity  | records |
      | account | all     |
    And "ana" is on a mobile network
    And "bob" is on a mobile network

  Scenario: Fewer entities in the offline app modules make the first sync faster
    Given the offline app modules hold 12 entities
    And "ana" syncs
    And the offline app modules hold 4 entities
    When "bob" syncs
    Then "bob"'s first sync took less time than "ana"'s

  Scenario: Twice the entities, twice the metadata time
    Given the offline app modules hold 4 entities
    And "ana" syncs
    And "ana" syncs
    And the offline app modules hold 8 entities
    When "bob" syncs
    And "bob" syncs
    Then the metadata of "bob"'s first sync took 2 times as long as "ana"'s

  Scenario: An entity in two offline app modules costs its metadata once
    Given the offline app modules hold 4 entities
    And "ana" syncs
    And "ana" syncs
    And two offline app modules hold the same 4 entities
    When "bob" syncs
    And "bob" syncs
    Then the metadata of "bob"'s first sync took as long as "ana"'s

  Scenario: A later sync the same day does not download metadata again
    Given the offline app modules hold 12 entities
    When "ana" syncs
    Then the sync downloads metadata
    When "ana" syncs
    Then the sync does not download metadata
    And "ana"'s last sync took less time than her first
