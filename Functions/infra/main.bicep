// The Azure Functions app and everything it runs on, for one resource group:
//   az deployment group create -g <group> -f Functions/infra/main.bicep -p mysqlAdminPassword=... errorLogsWriteKey=... ...
//   func azure functionapp publish <functionAppName output>
// The app runs Core on the isolated worker (.NET 10) on a Flex Consumption plan; its storage account holds the task hub,
// the queues and the deployment package; its stores are on Azure Database for MySQL (no SQLite on Azure). Every secret
// lives in Key Vault and reaches the app as a Key Vault reference, read with the app's own managed identity.

targetScope = 'resourceGroup'

@description('Prefix of every resource name: lower-case letters and digits.')
@minLength(3)
@maxLength(11)
param namePrefix string

@description('Region of every resource.')
param location string = resourceGroup().location

@description('Administrator login of the MySQL server.')
param mysqlAdminLogin string = 'portable'

@description('Administrator password of the MySQL server (stored in Key Vault, as part of the app\'s connection string).')
@secure()
param mysqlAdminPassword string

@description('Key that writes error logs (header x-api-key).')
@secure()
param errorLogsWriteKey string

@description('Key that reads error logs (header x-api-key).')
@secure()
param errorLogsReadKey string

@description('Order API bearer tokens: token=user pairs separated by semicolons.')
@secure()
param orderTokens string

@description('The operators\' key (Management:Keys: the dashboard, notification retries). Set the app\'s master key to the same value after the first deployment (az functionapp keys set --key-type masterKey --key-name _master), so an operator has one key: the dashboard\'s admin-level functions and Durable\'s management API ask the master key, Core asks this one.')
@secure()
@minLength(16)
param operatorKey string

@description('Webhook that receives failed quality-control notifications.')
param qualityWebhookUrl string

@description('Who is emailed when an alert fires.')
param alertEmail string

@description('Instances the Flex Consumption plan may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

var suffix = uniqueString(resourceGroup().id, namePrefix)
var storageName = take('${namePrefix}st${suffix}', 24)
var functionAppName = '${namePrefix}-func-${suffix}'
var keyVaultName = take('${namePrefix}-kv-${suffix}', 24)
var mysqlServerName = '${namePrefix}-mysql-${suffix}'
var mysqlDatabaseName = 'portable'
var deploymentContainerName = 'deployments'

// Built-in role definitions: each assignment below grants only what the app uses, on only the resource it uses.
var roles = {
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    // Telemetry is accepted only from identities with the publisher role: the app's.
    DisableLocalAuth: true
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainerName
}

resource mysql 'Microsoft.DBforMySQL/flexibleServers@2023-12-30' = {
  name: mysqlServerName
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '8.0.21'
    administratorLogin: mysqlAdminLogin
    administratorLoginPassword: mysqlAdminPassword
    storage: {
      storageSizeGB: 20
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
  }
}

resource mysqlDatabase 'Microsoft.DBforMySQL/flexibleServers/databases@2023-12-30' = {
  parent: mysql
  name: mysqlDatabaseName
  properties: {
    charset: 'utf8mb4'
    collation: 'utf8mb4_0900_ai_ci'
  }
}

// Flex Consumption without a virtual network reaches the server over its public endpoint: Azure's addresses only, TLS required.
resource mysqlFromAzure 'Microsoft.DBforMySQL/flexibleServers/firewallRules@2023-12-30' = {
  parent: mysql
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

var secrets = {
  'storage-connection': 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  'mysql-connection': 'Server=${mysql.properties.fullyQualifiedDomainName};Port=3306;Database=${mysqlDatabaseName};User ID=${mysqlAdminLogin};Password=${mysqlAdminPassword};SslMode=Required'
  'errorlogs-write-key': errorLogsWriteKey
  'errorlogs-read-key': errorLogsReadKey
  'order-tokens': orderTokens
  'management-keys': operatorKey
}

var secretNames = [
  'storage-connection'
  'mysql-connection'
  'errorlogs-write-key'
  'errorlogs-read-key'
  'order-tokens'
  'management-keys'
]

resource vaultSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for name in secretNames: {
  parent: vault
  name: name
  properties: {
    value: secrets[name]
  }
}]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

func secretReference(vaultUri string, name string) string => '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${name}/)'

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'AzureWebJobsStorage', value: secretReference(vault.properties.vaultUri, 'storage-connection') }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        { name: 'Storage__Provider', value: 'MySql' }
        { name: 'ConnectionStrings__MySql', value: secretReference(vault.properties.vaultUri, 'mysql-connection') }
        { name: 'ErrorLogs__WriteKey', value: secretReference(vault.properties.vaultUri, 'errorlogs-write-key') }
        { name: 'ErrorLogs__ReadKey', value: secretReference(vault.properties.vaultUri, 'errorlogs-read-key') }
        { name: 'Orders__Tokens', value: secretReference(vault.properties.vaultUri, 'order-tokens') }
        { name: 'Management__Keys', value: secretReference(vault.properties.vaultUri, 'management-keys') }
        { name: 'Quality__Notifier__WebhookUrl', value: qualityWebhookUrl }
        { name: 'REGION_NAME', value: location }
      ]
    }
  }
  dependsOn: [
    vaultSecrets
    deploymentContainer
    mysqlDatabase
  ]
}

// The app reads its secrets, and nothing else in the vault is granted.
resource appReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, app.id, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Flex Consumption fetches the deployment package from the storage account with the app's identity.
resource appReadsPackage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, app.id, roles.storageBlobDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appPublishesTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: insights
  name: guid(insights.id, app.id, roles.monitoringMetricsPublisher)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-operators'
  location: 'global'
  properties: {
    groupShortName: take(namePrefix, 12)
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// Each alert reads the app's own log lines in Application Insights, every five minutes.
var alerts = [
  {
    name: 'poison-queue-messages'
    description: 'A queue message failed on its last dequeue and moved to its -poison queue.'
    severity: 2
    query: 'traces | where message has "then moves it to the poison queue" | extend dequeue = toint(extract(@"failed on dequeue (\\d+)", 1, message)) | where dequeue >= 5'
  }
  {
    name: 'failed-orchestrations'
    description: 'A Durable Functions orchestration ended Failed.'
    severity: 2
    query: 'traces | where customDimensions.Category == "Host.Triggers.DurableTask" and tostring(customDimensions["prop__state"]) == "Failed"'
  }
  {
    name: 'undelivered-qc-notifications'
    description: 'A failed sample\'s notification was not delivered after every attempt; an operator can send it again.'
    severity: 1
    query: 'traces | where message has "notification was NOT delivered"'
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [for alert in alerts: {
  name: '${namePrefix}-${alert.name}'
  location: location
  properties: {
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [
      insights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        operators.id
      ]
    }
  }
}]

output functionAppName string = app.name
output functionAppUrl string = 'https://${app.properties.defaultHostName}'
output keyVaultName string = vault.name
output mysqlServer string = mysql.properties.fullyQualifiedDomainName
