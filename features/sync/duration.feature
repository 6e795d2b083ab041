@needs:network
@claim:SYN-2
Feature: How long a sync takes depends on the network and on the data
  Every cycle takes time on the network: a round trip per request and the bytes it moves over the
  link's bandwidth. A slow mobile network near the volume limit means a first sync of minutes; the
  same sync over Wi-Fi takes seconds. Higher latency, lower bandwidth or more data make a cycle
  longer; a cycle that has little to move is quick.

  Background:
    Given an organization where "ana" is a salesperson
    And the users:
      | user | business unit | manager |
      | bob  | Head office   |         |
    And "ana" may do everything to every entity
    And "bob" may do everything to every entity

  Rule: Near the volume limit the network decides between minutes and seconds

    Background:
      Given the offline profile for "ana":
        | entity  | records |
        | account | all     |
      And 9000 accounts owned by "ana" on the server

    Scenario: Over a slow mobile network the first sync takes minutes
      Given "ana" is on a slow mobile network
      When "ana" syncs
      Then the sync completes
      And the sync downloads 9000 records
      And the sync takes at least 2 minutes

    Scenario: Over Wi-Fi the same first sync takes seconds
      Given "ana" is on Wi-Fi
      When "ana" syncs
      Then the sync downloads 9000 records
      And the sync takes less than 10 seconds

  Rule: A slower link, a longer latency or more data make a cycle longer

    Scenario Outline: The same data takes longer over a slower link
      Given the offline profile for "ana" and "bob":
        | entity  | records |
        | account | all     |
      And 2000 accounts owned by "ana" on the server
      And "ana" is on <slower>
      And "bob" is on <faster>
      When "ana" syncs
      And "bob" syncs
      Then "ana"'s last sync took longer than "bob"'s

      Examples:
        | slower                | faster           |
        | a slow mobile network | a mobile network |
        | a mobile network      | Wi-Fi            |

    Scenario: Higher latency at the same bandwidth makes the sync longer
      Given the offline profile for "ana" and "bob":
        | entity  | records |
        | account | all     |
      And 100 accounts owned by "ana" on the server
      And "ana"'s network has 400 ms latency and 10000 kbps bandwidth
      And "bob"'s network has 20 ms latency and 10000 kbps bandwidth
      When "ana" syncs
      And "bob" syncs
      Then "ana"'s last sync took longer than "bob"'s

    Scenario: More data on the same link makes the sync longer
      Given the offline profile for "ana" and "bob":
        | entity  | records |
        | account | mine    |
      And 500 accounts owned by "ana" on the server
      And 3000 accounts owned by "bob" on the server
      And "ana" is on a mobile network
      And "bob" is on a mobile network
      When "ana" syncs
      And "bob" syncs
      Then "bob"'s last sync took longer than "ana"'s
      And "bob"'s last sync brought down more bytes than "ana"'s

    Scenario: Changes waiting to upload make a cycle longer and send more bytes up
      Given the offline profile for "ana" and "bob":
        | entity  | records |
        | account | mine    |
      And "ana" is on a mobile network
      And "bob" is on a mobile network
      And "ana" has synced her device and gone offline
      And "bob" has synced her device
      And "ana" has created 200 accounts
      When "ana" comes back online and syncs
      And "bob" syncs
      Then "ana"'s last sync uploaded 200 changes and rejected 0
      And "ana"'s last sync sent more bytes up than "bob"'s
      And "ana"'s last sync took longer than "bob"'s

    Scenario Outline: Updates and deletes waiting to upload also send more bytes up: <changes>
      Given the offline profile for "ana" and "bob":
        | entity  | records |
        | account | mine    |
      And 200 accounts owned by "ana" on the server
      And "ana" is on a mobile network
      And "bob" is on a mobile network
      And "ana" has synced her device and gone offline
      And "bob" has synced her device
      And "ana" has <changes>
      When "ana" comes back online and syncs
      And "bob" syncs
      Then "ana"'s last sync uploaded 200 changes and rejected 0
      And "ana"'s last sync sent more bytes up than "bob"'s

      Examples:
        | changes                     |
        | renamed 200 of the accounts |
        | deleted 200 of the accounts |

    Scenario: Bigger changes waiting to upload send more bytes up than smaller ones
      Given the offline profile for "ana" and "bob":
        | entity  | records |
        | account | mine    |
      And "ana" is on a mobile network
      And "bob" is on a mobile network
      And "ana" has synced her device and gone offline
      And "bob" has synced her device and gone offline
      And "ana" has created 50 accounts with a 2000-character description
      And "bob" has created 50 accounts
      When "ana" comes back online and syncs
      And "bob" comes back online and syncs
      Then "ana"'s last sync uploaded 50 changes and rejected 0
      And "bob"'s last sync uploaded 50 changes and rejected 0
      And "ana"'s last sync sent more bytes up than "bob"'s
      And "ana"'s last sync took longer than "bob"'s

  Rule: A cycle lasts at least a latency for each of its round trips and its bytes at the bandwidth

    Scenario Outline: The first sync over <network> accounts for its round trips and its bytes
      Given the offline profile for "ana":
        | entity  | records |
        | account | all     |
      And 2000 accounts owned by "ana" on the server
      And "ana" is on <network>
      When "ana" syncs
      Then the sync downloads 2000 records
      And the sync lasted at least its round trips at the latency of <network> and its bytes at its bandwidth

      Examples:
        | network               |
        | a slow mobile network |
        | a mobile network      |
        | Wi-Fi                 |

  Rule: A cycle moves only what changed, so it is quick

    Background:
      Given the offline profile for "ana":
        | entity  | records |
        | account | all     |
      And 2000 accounts owned by "ana" on the server
      And "ana" is on a slow mobile network
      And "ana" has synced her device

    Scenario: After ten server changes the next cycle moves just those ten records
      Given the administrator changes 10 of the accounts
      When "ana" syncs
      Then the sync downloads 10 records
      And the sync takes less than a tenth of "ana"'s first sync

    Scenario: A cycle with nothing new moves no records
      When "ana" syncs
      Then the sync downloads 0 records
      And the sync takes less than a tenth of "ana"'s first sync
