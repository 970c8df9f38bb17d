// Parameter shapes shared by main.bicep and its modules.

@export()
@description('Resource tags: names to string values.')
type tagMap = {
  *: string
}

@export()
@description('Digest recipients: cluster name to the addresses that get its digest.')
type recipientMap = {
  *: string[]
}
