// How long each kind of user-entered field may be: one number per kind, the same in every form, the hint and the server.
export const FIELD_LIMITS = {
	/** 联系人, 收件人: a person's name. */
	personName: 30,
	email: 100,
	/** 通讯地址: a whole address in one line. */
	fullAddress: 200,
	/** 详细地址: street and number, below the province, city and district chosen apart. */
	streetAddress: 120,
	courier: 30,
	/** 粘贴识别: one line holding a whole return address (every field above and the divisions, with room to spare). */
	pastedAddress: 500
} as const;
