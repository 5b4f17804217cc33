using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Graph users (vssps) and their user entitlements (vsaex): the same user pool seen by two APIs.</summary>
internal static class UserData
{
    public static object? GraphUser(Org org, Urls urls, int u)
    {
        if (!org.UserLive(u))
        {
            return null;
        }
        var descriptor = Identities.Descriptor(org, u);
        var self = $"{urls.Base}/_apis/Graph/Users/{descriptor}";
        return new
        {
            subjectKind = "user",
            metaType = "member",
            domain = org.Id(EntityKind.Tenant, 0),
            principalName = Identities.Mail(u),
            mailAddress = Identities.Mail(u),
            origin = "aad",
            originId = org.Id(EntityKind.AadObject, u),
            displayName = Identities.DisplayName(u),
            _links = new
            {
                self = Urls.Href(self),
                memberships = Urls.Href($"{urls.Base}/_apis/Graph/Memberships/{descriptor}"),
                membershipState = Urls.Href($"{urls.Base}/_apis/Graph/MembershipStates/{descriptor}"),
                storageKey = Urls.Href($"{urls.Base}/_apis/Graph/StorageKeys/{descriptor}"),
                avatar = Urls.Href($"{urls.Base}/_apis/GraphProfile/MemberAvatars/{descriptor}"),
            },
            url = self,
            descriptor,
        };
    }

    public static object? Entitlement(Org org, Urls urls, int u)
    {
        if (GraphUser(org, urls, u) is not { } user)
        {
            return null;
        }
        var basic = u % 5 != 4;
        return new
        {
            id = Identities.Id(org, u),
            user,
            accessLevel = new
            {
                licensingSource = "account",
                accountLicenseType = basic ? "express" : "stakeholder",
                msdnLicenseType = "none",
                licenseDisplayName = basic ? "Basic" : "Stakeholder",
                status = "active",
                statusMessage = "",
                assignmentSource = "unknown",
            },
            lastAccessedDate = org.Before(EntityKind.User, u, 60),
            dateCreated = org.Before(EntityKind.User, u, 60).AddDays(-400),
            projectEntitlements = Array.Empty<object>(),
            extensions = Array.Empty<object>(),
            groupAssignments = Array.Empty<object>(),
        };
    }
}
