@needs:profiles @needs:network @needs:organization
@volume
Feature: A generated organization near the documented limits
  With realistic generated data — a profile of up to 2,000 users, each holding between 9,000 and
  10,000 records, a chosen few above 10,000 — the implementation still publishes, warns and syncs
  correctly, and its cycles cost what the page says: minutes for a first sync over a slow mobile
  network, far less over Wi-Fi, and a delta sync moves only what changed.

  Background:
    Given the generated near-limit organization is loaded

  @claim:FLT-PU
  Example: a profile of exactly 2,000 users publishes and one more is refused
    Given the profile is topped up to 2000 salespeople
    Then the profile is published
    When the administrator adds one more salesperson to the profile
    Then publishing is refused for 2,001 users over the limit of 2,000 users per profile

  @claim:FLT-VOL
  Example: users above 10,000 records are warned about by name and count
    Then publishing warned about every user above 10,000 records, with the count

  @claim:FLT-VOL
  Example: a user near 10,000 records syncs completely and correctly
    When the user with the 1. largest subscription within 10,000 records first syncs over Wi-Fi
    Then her device holds exactly the records expected for her

  @claim:SYN-2
  Example: a first sync near the limit lasts minutes on a slow mobile network, far less on Wi-Fi
    When the user with the 1. largest subscription within 10,000 records first syncs over a slow mobile network
    And the user with the 2. largest subscription within 10,000 records first syncs over Wi-Fi
    Then the first sync lasted between 1 and 30 minutes of simulated time
    And the second sync lasted less than a 10th of the first

  @claim:SYN-2
  Example: a delta sync after 10 server changes moves exactly those 10, in a sliver of the time
    When the user with the 1. largest subscription within 10,000 records first syncs over a slow mobile network
    And 10 of her accounts change on the server and she syncs again
    Then the last sync downloaded exactly 10 records, the changed ones
    And the second sync lasted less than a 50th of the first
