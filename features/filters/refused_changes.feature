@needs:schedule
Feature: A refused profile change leaves the profile in force
  When the administrator publishes a changed profile and publishing is refused, nothing changes:
  the device keeps what the profile in force brought, its next syncs follow that profile's rules,
  and its cycles keep that profile's intervals.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And accounts "Fabrikam" owned by "ana"
    And contacts "Reyes" owned by "ana"
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And "ana" has synced her device

  Scenario Outline: a profile change refused because contact also <problem> leaves the profile in force
    Given a profile "field sales" for "ana"
    And in the profile account downloads all records
    And in the profile account syncs every 60 minutes
    And in the profile contact downloads all records
    And in the profile contact syncs every 60 minutes
    And in the profile contact <problem>
    When the administrator publishes the profile
    Then publishing is refused naming contact
    And "ana"'s device holds exactly the accounts "Fabrikam"
    And after syncing "ana"'s device holds exactly the contact records nobody
    And "ana"'s device holds exactly the accounts "Fabrikam"
    When 15 minutes pass
    Then 3 sync cycles ran for "ana" in that time

    @claim:FLT-R1 @claim:SYN-1
    Examples: all records with another rule
      | problem              |
      | downloads my records |

    @claim:FLT-R2
    Examples: related data only, with another rule and no association
      | problem                     |
      | downloads only related data |

    @claim:FLT-R3
    Examples: the other data filter with no option chosen
      | problem                                                       |
      | downloads through the other data filter with no option chosen |

    @claim:FLT-R4
    Examples: a fourth custom filter
      | problem                   |
      | has 4 custom data filters |
