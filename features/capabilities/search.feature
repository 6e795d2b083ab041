@needs:search
Feature: Offline search
  Offline, the app searches the records on the device: one entity at a time, of an entity the profile
  takes offline, with categorized search only, and never in date columns. Online, search can span
  entities, use relevance, and look at every quick-find column.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ana"'s offline profile holds only account and contact
    And the quick find of contact looks in first name, last name, email and birthday
    And a account record "Fabrikam" on the server owned by "ana"
    And a contact record "Dana" on the server owned by "ana" with:
      | birthday | 1990-04-12T00:00:00Z |
    And a lead record "Contoso deal" on the server owned by "ana"
    And "ana" has synced her device

  @claim:CAP-SR1
  Rule: Offline, only entities the profile takes offline can be searched

    Scenario: Offline, searching an entity of the profile finds its records on the device
      When "ana" goes offline
      And "ana" searches account for "fabri"
      Then the search finds "Fabrikam"

    Scenario: Offline, searching an entity the profile leaves out is refused
      When "ana" goes offline
      And "ana" searches lead for "Contoso"
      Then it is refused naming lead

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

  @claim:CAP-SR4
  Rule: Offline, date columns are never searched

    Scenario: Offline, a date column is not offered for search, while text columns are
      When "ana" goes offline
      Then a search of contact by "ana" does not look in the birthday
      But a search of contact by "ana" looks in the last name

    Scenario: Online, the date column is searched
      Then a search of contact by "ana" looks in the birthday

    Scenario: Offline, a term that matches only a date finds nothing
      When "ana" goes offline
      And "ana" searches contact for "1990-04"
      Then the search finds nothing

    Scenario: Online, the same term finds the record by its date
      When "ana" searches contact for "1990-04"
      Then the search finds "Dana"
