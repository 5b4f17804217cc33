// The features' Map* extensions, so Program.cs reads as a table of contents (as eShop's APIs do).
global using Runner.Api.ApiKeys;
global using Runner.Api.Catalog;
global using Runner.Api.Egress;
global using Runner.Api.Installations;
global using Runner.Api.Integrations;
global using Runner.Api.LiveEvents;
global using Runner.Api.Mapping;
global using Runner.Api.Resync;
global using Runner.Api.Secrets;
global using Runner.Api.Tenants;
