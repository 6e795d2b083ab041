@needs:subgrids @needs:forms
Feature: Add Existing and Remove on subgrids offline
  Offline, many-to-many relationships are read only, on the form of either entity they link: their
  subgrids still list the related records but hide Add Existing; even when a customization shows the
  button, using it offline links nothing; and a link made before cannot be removed offline, staying on
  the device and on the server. One-to-many subgrids keep Add Existing offline, and their links, which
  are the child record's lookup, are set and cleared offline too. Online, all of it works.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile

  @claim:LIM-AE1
  Rule: Offline, a many-to-many subgrid hides Add Existing on the forms of both its entities; a one-to-many subgrid keeps it

    Scenario Outline: On the <entity> form, the <many-to-many> subgrid offers Add Existing online only, <one-to-many> offline too
      Given the <entity> form has the subgrids:
        | relationship   | add existing  |
        | <many-to-many> | as configured |
        | <one-to-many>  | as configured |
      And a <entity> record "this" on the server owned by "ana"
      And a <other> record "that" on the server owned by "ana"
      And the <entity> "this" and the <other> "that" are linked through <many-to-many> on the server
      And "ana" has synced her device
      Then the <many-to-many> subgrid of the <entity> "this" offers Add Existing to "ana"
      When "ana" goes offline
      Then the <many-to-many> subgrid of the <entity> "this" does not offer Add Existing to "ana"
      But the <many-to-many> subgrid of the <entity> "this" lists "that" for "ana"
      And the <one-to-many> subgrid of the <entity> "this" offers Add Existing to "ana"
      And the <one-to-many> subgrid of the <entity> "this" offers Add New to "ana"
      And on a new <entity> form for "ana" the <many-to-many> subgrid lists nothing and offers nothing
      And on a new <entity> form for "ana" the <one-to-many> subgrid lists nothing and offers Add New and Add Existing

      Examples:
        | entity     | many-to-many        | other      | one-to-many                  |
        | account    | account_competitors | competitor | contact_customer_accounts    |
        | competitor | account_competitors | account    | competitor_addresses         |
        | contact    | contact_leads       | lead       | opportunity_parent_contact   |
        | lead       | contact_leads       | contact    | opportunity_originating_lead |
        | competitor | competitor_products | product    | competitor_addresses         |
        | product    | competitor_products | competitor | product_opportunities        |

  @claim:LIM-AE1
  Rule: Offline, a many-to-many link made before cannot be removed, from either side; online it can

    Background:
      Given the account form has the subgrids:
        | relationship        | add existing  |
        | account_competitors | as configured |
      And the competitor form has the subgrids:
        | relationship        | add existing  |
        | account_competitors | as configured |
      And a account record "Fabrikam" on the server owned by "ana"
      And a competitor record "Northwind" on the server owned by "ana"
      And the account "Fabrikam" and the competitor "Northwind" are linked through account_competitors on the server

    Scenario Outline: Offline, removing the <other> from the subgrid of the <entity> form is refused, and the link stays
      Given "ana" has synced her device and gone offline
      When "ana" removes the <other> "<that>" from the account_competitors subgrid of the <entity> "<this>"
      Then it is refused naming <entity>
      And the refusal states its limit
      And nothing waits to sync on "ana"'s device
      And the account_competitors subgrid of the <entity> "<this>" lists "<that>" for "ana"
      When "ana" comes back online and syncs
      Then the account_competitors subgrid of the <entity> "<this>" lists "<that>" for "ana"
      When "ana" goes offline
      Then the account_competitors subgrid of the <entity> "<this>" lists "<that>" for "ana"

      Examples:
        | entity     | this      | other      | that      |
        | account    | Fabrikam  | competitor | Northwind |
        | competitor | Northwind | account    | Fabrikam  |

    Scenario Outline: Online, removing the <other> from the subgrid of the <entity> form unlinks them, on the device too after a sync
      Given "ana" has synced her device
      Then the account_competitors subgrid of the <entity> "<this>" lists "<that>" for "ana"
      When "ana" removes the <other> "<that>" from the account_competitors subgrid of the <entity> "<this>"
      Then the command succeeds on the device
      And the account_competitors subgrid of the <entity> "<this>" does not list "<that>" for "ana"
      When "ana" comes back online and syncs
      And "ana" goes offline
      Then the account_competitors subgrid of the <entity> "<this>" does not list "<that>" for "ana"

      Examples:
        | entity     | this      | other      | that      |
        | account    | Fabrikam  | competitor | Northwind |
        | competitor | Northwind | account    | Fabrikam  |

  @claim:LIM-AE1
  Rule: A many-to-many subgrid of a relationship with no links yet lists nothing, online and offline, until its first link

    Scenario: The competitor subgrid of an account lists nothing while no account has a competitor, then the first link
      Given the account form has the subgrids:
        | relationship        | add existing  |
        | account_competitors | as configured |
      And a account record "Fabrikam" on the server owned by "ana"
      And a competitor record "Northwind" on the server owned by "ana"
      And "ana" has synced her device
      Then the account_competitors subgrid of the account "Fabrikam" lists nothing for "ana"
      When "ana" goes offline
      Then the account_competitors subgrid of the account "Fabrikam" lists nothing for "ana"
      When "ana" goes back online
      And "ana" adds the existing competitor "Northwind" to the account_competitors subgrid of the account "Fabrikam"
      Then the account_competitors subgrid of the account "Fabrikam" lists "Northwind" for "ana"

  @claim:LIM-AE1
  Rule: Offline, a one-to-many link is set and cleared through its subgrid and reaches the server

    Background:
      Given the account form has the subgrids:
        | relationship              | add existing  |
        | contact_customer_accounts | as configured |
      And a account record "Fabrikam" on the server owned by "ana"
      And a contact record "Dana" on the server owned by "ana"

    Scenario: Offline, Add Existing on the one-to-many subgrid links the record and syncs
      Given "ana" has synced her device and gone offline
      When "ana" adds the existing contact "Dana" to the contact_customer_accounts subgrid of the account "Fabrikam"
      Then the command succeeds on the device
      And the contact_customer_accounts subgrid of the account "Fabrikam" lists "Dana" for "ana"
      When "ana" comes back online and syncs
      Then on the server the parentcustomerid of the contact "Dana" is the account "Fabrikam"

    Scenario: Offline, removing a record from the one-to-many subgrid clears its lookup and syncs
      Given the parentcustomerid of the contact "Dana" on the server is the account "Fabrikam"
      And "ana" has synced her device and gone offline
      Then the contact_customer_accounts subgrid of the account "Fabrikam" lists "Dana" for "ana"
      When "ana" removes the contact "Dana" from the contact_customer_accounts subgrid of the account "Fabrikam"
      Then the command succeeds on the device
      And the contact_customer_accounts subgrid of the account "Fabrikam" does not list "Dana" for "ana"
      And on "ana"'s device the contact "Dana" has the parentcustomerid "empty"
      When "ana" comes back online and syncs
      Then on the server the contact "Dana" has the parentcustomerid "empty"

  @claim:LIM-AE2
  Rule: Offline, Add Existing on a many-to-many subgrid links nothing, even when a customization shows it

    Background:
      Given a account record "Fabrikam" on the server owned by "ana"
      And a competitor record "Northwind" on the server owned by "ana"
      And a competitor record "Contoso Rivals" on the server owned by "ana"
      And a account record "Contoso" on the server owned by "ana"
      And the account "Fabrikam" and the competitor "Contoso Rivals" are linked through account_competitors on the server
      And the account "Contoso" and the competitor "Northwind" are linked through account_competitors on the server
      And the account form has the subgrids:
        | relationship        | add existing   |
        | account_competitors | forced visible |
      And the competitor form has the subgrids:
        | relationship        | add existing   |
        | account_competitors | forced visible |

    Scenario Outline: Offline, the forced button on the <entity> form is there, but using it is refused and links nothing
      Given "ana" has synced her device and gone offline
      Then the account_competitors subgrid of the <entity> "<this>" offers Add Existing to "ana"
      And the account_competitors subgrid of the <entity> "<this>" lists "<linked before>" for "ana"
      When "ana" adds the existing <other> "<that>" to the account_competitors subgrid of the <entity> "<this>"
      Then it is refused naming <entity>
      And the refusal states its limit
      And nothing waits to sync on "ana"'s device
      And the account_competitors subgrid of the <entity> "<this>" does not list "<that>" for "ana"
      When "ana" comes back online and syncs
      Then the account_competitors subgrid of the <entity> "<this>" does not list "<that>" for "ana"
      But the account_competitors subgrid of the <entity> "<this>" lists "<linked before>" for "ana"

      Examples:
        | entity     | this      | other      | that      | linked before  |
        | account    | Fabrikam  | competitor | Northwind | Contoso Rivals |
        | competitor | Northwind | account    | Fabrikam  | Contoso        |

    Scenario Outline: Online, Add Existing on the many-to-many subgrid of the <entity> form links the record
      Given "ana" has synced her device
      When "ana" adds the existing <other> "<that>" to the account_competitors subgrid of the <entity> "<this>"
      Then the command succeeds on the device
      And the account_competitors subgrid of the <entity> "<this>" lists "<that>" for "ana"
      When "ana" comes back online and syncs
      And "ana" goes offline
      Then the account_competitors subgrid of the <entity> "<this>" lists "<that>" for "ana"

      Examples:
        | entity     | this      | other      | that      |
        | account    | Fabrikam  | competitor | Northwind |
        | competitor | Northwind | account    | Fabrikam  |

  @claim:REL-BAD
  Rule: Removing from a subgrid a record it does not list, or through a relationship that does not exist, is refused and changes nothing

    Background:
      Given the account form has the subgrids:
        | relationship              | add existing  |
        | contact_customer_accounts | as configured |
        | account_competitors       | as configured |
      And a account record "Fabrikam" on the server owned by "ana"
      And a contact record "Dana" on the server owned by "ana"
      And a competitor record "Northwind" on the server owned by "ana"
      And "ana" has synced her device and gone offline

    Scenario Outline: Removing the <other> "<that>", which <relationship> does not link to the account, is refused naming the relationship
      When "ana" removes the <other> "<that>" from the <relationship> subgrid of the account "Fabrikam"
      Then it is refused saying "<relationship>"
      And the refusal concerns account
      And nothing waits to sync on "ana"'s device
      When "ana" comes back online and syncs
      Then on the server the contact "Dana" has the parentcustomerid "empty"

      Examples:
        | other      | that      | relationship              |
        | contact    | Dana      | contact_customer_accounts |
        | competitor | Northwind | account_competitors       |

    Scenario: Removing through a relationship that does not exist is refused naming it
      When "ana" removes the contact "Dana" from the no_such_relationship subgrid of the account "Fabrikam"
      Then it is refused saying "no_such_relationship"
      And nothing waits to sync on "ana"'s device

    Scenario: Add Existing through a relationship that does not exist is refused naming it
      When "ana" adds the existing contact "Dana" to the no_such_relationship subgrid of the account "Fabrikam"
      Then it is refused saying "no_such_relationship"
      And nothing waits to sync on "ana"'s device

    Scenario: Add Existing on the subgrid of an account the device does not hold is refused naming the account
      Given a account record "Litware" on the server owned by "ana"
      When "ana" adds the existing contact "Dana" to the contact_customer_accounts subgrid of the account "Litware"
      Then it is refused naming account
      And nothing waits to sync on "ana"'s device
      And on "ana"'s device the contact "Dana" has the parentcustomerid "empty"
