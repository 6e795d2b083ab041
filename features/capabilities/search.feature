@needs:search
Feature: Offline search
  Offline, the app searches the records on the device: one entity at a time, of an entity the profile
  takes offline, with categorized search only, and never in a date column, standard or custom. Online,
  search can span entities, use relevance, and look at every quick-find column.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ana"'s offline profile holds only account, contact, opportunity and appointment
    And the quick find of contact looks in first name, last name, email and birthday
    And a account record "Fabrikam" on the server owned by "ana"
    And a contact record "Dana" on the server owned by "ana" with:
      | birthday | 1990-04-12T00:00:00Z |
    And a lead record "Contoso deal" on the server owned by "ana"
    And "ana" has synced her device

  @claim:CAP-SR1
  Rule: Offline, only entities the profile takes offline can be searched

    Scenario Outline: Offline, searching <entity>, an entity of the profile, finds its records on the device
      Given a <entity> record "<record>" on the server owned by "ana"
      And "ana" has synced her device
      When "ana" goes offline
      And "ana" searches <entity> for "<term>"
      Then the search finds "<record>"

      Examples: one whose quick find is set, and one whose quick find was never set (it looks in the name)
        | entity      | record     | term  |
        | account     | my account | fabri |
        | appointment | my visit   | site  |

    Scenario Outline: Offline, searching <entity>, which the profile leaves out, is refused
      When "ana" goes offline
      And "ana" searches <entity> for "Contoso"
      Then it is refused naming <entity>

      Examples:
        | entity |
        | lead   |
        | quote  |

    Scenario Outline: Offline, asking which columns a search of <entity> looks in is refused, as the search is
      When "ana" goes offline
      And "ana" asks which columns a search of <entity> looks in
      Then it is refused naming <entity>

      Examples:
        | entity |
        | lead   |
        | quote  |

    Scenario: Online, the same entity can be searched
      When "ana" searches lead for "Contoso"
      Then the search finds "Contoso deal"

  @claim:CAP-SR2
  Rule: Offline, a search covers exactly one entity

    Scenario: Offline, a search of one entity works
      When "ana" goes offline
      And "ana" searches contact for "reyes"
      Then the search finds "Dana"

    Scenario Outline: Offline, a search naming <entities> is refused
      When "ana" goes offline
      And "ana" searches <entities> for "a"
      Then it is refused

      Examples:
        | entities                   |
        | account and contact        |
        | account, contact and lead  |
        | no entity                  |

    Scenario Outline: Offline, the refusal of a search naming <entities> names them and states the limit
      When "ana" goes offline
      And "ana" searches <entities> for "a"
      Then the reason for the refusal names <entities>
      And the refusal states its limit

      Examples:
        | entities                   |
        | account and contact        |
        | account, contact and lead  |

    Scenario: Online, one search can cover several entities
      When "ana" searches account and contact for "a"
      Then the search finds "Fabrikam"
      And the search finds "Dana"

  @claim:CAP-SR3
  Rule: Offline, only categorized search works

    Scenario: Offline, a categorized search works
      When "ana" goes offline
      And "ana" searches account for "Fabrikam"
      Then the search finds "Fabrikam"

    Scenario: Offline, a relevance search is refused
      When "ana" goes offline
      And "ana" runs a relevance search of account for "Fabrikam"
      Then it is refused saying "relevance"

    Scenario: Online, a relevance search works
      When "ana" runs a relevance search of account for "Fabrikam"
      Then the search finds "Fabrikam"

  @needs:entities
  @claim:CAP-SR4
  Rule: Offline, date columns are never searched, whichever entity and whichever date column

    Background:
      Given the contact entity has a date column "new_anniversary"

    Scenario Outline: Offline, the <date column> of <entity> is neither offered nor matched; online it is both
      Given the quick find of <entity> looks in <text column> and <date column>
      And a <entity> record "dated" on the server owned by "ana" with:
        | <date column> | <date> |
      And "ana" has synced her device
      Then a search of <entity> by "ana" looks in the <date column>
      When "ana" searches <entity> for "<date term>"
      Then the search finds "dated"
      When "ana" goes offline
      Then a search of <entity> by "ana" looks in exactly the <text column>
      When "ana" searches <entity> for "<text term>"
      Then the search finds "dated"
      When "ana" searches <entity> for "<date term>"
      Then the search finds nothing

      Examples:
        | entity      | text column | date column        | date                 | date term     | text term |
        | contact     | lastname    | birthdate          | 1990-04-12T00:00:00Z | 1990-04       | reyes     |
        | contact     | lastname    | new_anniversary    | 2015-06-20           | 2015-06       | reyes     |
        | account     | name        | lastcontacted      | 2020-08-20T09:30:00Z | 2020-08-20    | fabrikam  |
        | opportunity | name        | estimatedclosedate | 2020-12-31           | 2020-12       | pump      |
        | appointment | subject     | scheduledstart     | 2020-09-01T10:00:00Z | 2020-09-01T10 | site      |
        | appointment | subject     | scheduledend       | 2020-09-01T11:00:00Z | 2020-09-01T11 | site      |

  @claim:REL-BAD
  Rule: A malformed search is refused with a reason that names what is wrong

    Scenario Outline: A search of <entities> is refused naming the entity that does not exist
      When "ana" searches <entities> for "a"
      Then it is refused saying "new_spaceship"

      Examples:
        | entities                  |
        | new_spaceship             |
        | account and new_spaceship |

    Scenario: A search for a blank term is refused with a reason
      When "ana" searches account for a blank term
      Then it is refused with a reason

    Scenario: A search naming no entity is refused with a reason
      When "ana" searches no entity for "a"
      Then it is refused with a reason
